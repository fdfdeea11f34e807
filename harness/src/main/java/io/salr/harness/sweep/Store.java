package io.salr.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salr.analysis.io.AtomicFiles;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.Trainer;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A results store: one folder per run, {@code STORE/runs/RUN_ID/} (a {@link RunFolder}; the path comes
 * from the run id alone, never from text in the spec), and {@code STORE/sweep.yaml}, the spec the store
 * was made for. A store belongs to one sweep spec: another spec, or a run folder whose spec.json differs
 * from the planned run of the same id, is refused before anything runs or is written.
 *
 * <p>Beside them: {@code STORE/claims/} holds the claims of the runs being executed now ({@link RunClaims}),
 * {@code STORE/failed/RUN_ID-TIME/} the folders of deterministically failed runs that {@code --retry-failed}
 * moved away, and a run folder may hold {@code failure-TIME.json}, the result of a failure of the machine that
 * a rerun set aside before resuming the run.
 */
public final class Store {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a run stands. */
    public enum RunState {
        /** result.json says completed. */
        COMPLETED,
        /** result.json says diverged. */
        DIVERGED,
        /** result.json says collapsed. */
        COLLAPSED,
        /** result.json says failed. */
        FAILED,
        /** started (spec.json or checkpoint.bin) but no result: running now, or interrupted (a rerun resumes it). */
        RUNNING,
        /** no folder yet. */
        REMAINING;

        public boolean done() {
            return this == COMPLETED || this == DIVERGED || this == COLLAPSED || this == FAILED;
        }
    }

    private final Path root;

    public Store(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path sweepYaml() {
        return root.resolve("sweep.yaml");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    /** The folder of a run; {@code id} must be a run id (16 hex digits). */
    public RunFolder folder(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new InvalidParameterException("id", id, "must be a run id (16 lowercase hex digits)");
        }
        return new RunFolder(runs().resolve(id));
    }

    /**
     * Where the source run of a run's {@code init_from} is looked for ({@code Trainer.Options#initSources}): this
     * store, the pretrain stage of the study it belongs to ({@code STORE/pretrain}, or {@code ../pretrain} from a
     * study's tuning sub-store, see {@link TunedStudy}), and the run folder its sweep.yaml names as
     * {@code init_from} (a path, relative to the directory the sweep runs in).
     */
    public List<Path> initSources() {
        List<Path> sources = new ArrayList<>(List.of(root, root.resolve(TunedStudy.PRETRAIN_STORE)));
        if (root.toAbsolutePath().getParent() != null) {
            sources.add(root.toAbsolutePath().getParent().resolve(TunedStudy.PRETRAIN_STORE));
        }
        if (Files.isRegularFile(sweepYaml())) {
            Object yaml = SweepSpec.readYaml(read(sweepYaml()));
            if (yaml instanceof Map<?, ?> m && m.get("init_from") instanceof String from && !RUN_ID.matcher(from).matches()) {
                sources.add(Path.of(from));
            }
        }
        return sources;
    }

    /** Opens an existing store: reads its sweep.yaml and plans it. */
    public static Opened open(Path root) {
        Store store = new Store(root);
        if (!Files.isRegularFile(store.sweepYaml())) {
            throw new InvalidParameterException("store", root, "is not a results store (no sweep.yaml)");
        }
        String text = read(store.sweepYaml());
        return new Opened(store, text, SweepSpec.parse(text).plan());
    }

    /** A store with its spec text and plan. */
    public record Opened(Store store, String yamlText, SweepPlan plan) {
    }

    /**
     * Checks that this store can hold {@code plan} (made from {@code yamlText}), then writes sweep.yaml
     * when absent. Refuses, writing nothing, when the store holds another spec or a run folder disagrees.
     */
    public void prepare(SweepPlan plan, String yamlText) {
        if (Files.isRegularFile(sweepYaml())) {
            requireSameSpec(yamlText);
        } else if (Files.isDirectory(root) && Files.exists(runs())) {
            throw new InvalidParameterException("store", root, "has run folders but no sweep.yaml; use another --store");
        }
        for (SweepPlan.PlannedRun r : plan.runs()) {
            RunFolder f = folder(r.id());
            if (Files.exists(f.spec())) {
                checkSameSpec(f, r.spec());
            }
        }
        // check and write in one atomic step: of two sweeps creating the same new store at once, exactly one
        // writes its sweep.yaml, and the other finds it here and is refused if its spec differs
        boolean created = !Files.isRegularFile(sweepYaml()) && AtomicFiles.createIfAbsent(sweepYaml(), yamlText);
        if (!created) {
            requireSameSpec(yamlText);
        }
    }

    /** Whether this store holds no sweep spec yet or one that plans the same sweep as {@code yamlText}. */
    public boolean acceptsSpec(String yamlText) {
        if (!Files.isRegularFile(sweepYaml())) {
            return true;
        }
        String existing = read(sweepYaml());
        return existing.equals(yamlText) || sameDocument(existing, yamlText) || sameSweep(existing, yamlText);
    }

    private void requireSameSpec(String yamlText) {
        if (!acceptsSpec(yamlText)) {
            String otherStudy;
            try {
                otherStudy = SweepSpec.parse(read(sweepYaml())).study();
            } catch (RuntimeException e) {
                otherStudy = "unreadable";
            }
            throw new InvalidParameterException("store", root, "holds another sweep spec (study " + otherStudy
                    + "; see " + sweepYaml() + "); use another --store, or the spec it holds");
        }
    }

    /**
     * Whether two spec texts read to equal typed sweeps (the same runs, the same report settings), however each
     * spells them: a stage a study derived and wrote with an earlier version ({@code seeds: 10}, its map's key order)
     * is the same sweep as the one this version derives ({@code seeds: [0, 1, ...]}, every default written out).
     */
    static boolean sameSweep(String a, String b) {
        try {
            return SweepSpec.parse(a).equals(SweepSpec.parse(b));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether two YAML texts hold the same document: equal scalars and lists, mappings equal whatever the order of
     * their keys, comments and layout ignored. A spec a study derives was written by an earlier JVM, and the same
     * spec may come out with its keys in another order; the runs it plans are the same.
     */
    static boolean sameDocument(String a, String b) {
        try {
            org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions()));
            Object x = yaml.load(a);
            Object y = yaml.load(b);
            return x != null && x.equals(y);
        } catch (RuntimeException e) {
            return false; // an unreadable stored spec is another spec
        }
    }

    private static void checkSameSpec(RunFolder f, RunSpec spec) {
        try {
            JsonNode stored = JSON.readTree(f.spec().toFile());
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("id", spec.id());
            content.putAll(spec.toMap());
            JsonNode planned = JSON.readTree(JSON.writeValueAsString(content));
            if (!stored.equals(planned)) {
                throw new InvalidParameterException("store", f.dir(), "holds a different spec under run id " + spec.id()
                        + " (written by another version of the code?); use another --store");
            }
        } catch (IOException e) {
            throw new InvalidParameterException("store", f.spec(), "holds an unreadable spec.json (" + e.getMessage() + ")");
        }
    }

    /** Where the run with this id stands. */
    public RunState state(String id) {
        RunFolder f = folder(id);
        if (f.isComplete()) {
            return switch (RunResult.fromMap(RunFolder.readJson(f.result())).status()) {
                case COMPLETED -> RunState.COMPLETED;
                case DIVERGED -> RunState.DIVERGED;
                case COLLAPSED -> RunState.COLLAPSED;
                case FAILED -> RunState.FAILED;
            };
        }
        return Files.exists(f.spec()) || Files.exists(f.checkpoint()) ? RunState.RUNNING : RunState.REMAINING;
    }

    /** The stored result of a complete run. */
    public Optional<RunResult> result(String id) {
        RunFolder f = folder(id);
        if (!f.isComplete()) {
            return Optional.empty();
        }
        RunResult result = RunResult.fromMap(RunFolder.readJson(f.result()));
        if (!result.id().equals(id)) {
            // a result copied or moved into another run's folder would report that run's numbers as this run's
            throw new io.salr.validation.InvalidParameterException(f.result().toString(), result.id(),
                    "is the run id inside this result.json, but its folder is run " + id
                            + "; the file belongs to another run: restore the right file or delete it to rerun the run");
        }
        return Optional.of(result);
    }

    /**
     * Runs (or resumes) one run in this JVM. A run that fails before training (e.g. its data is missing)
     * is recorded as {@code failed} with its cause and kind; nothing is thrown. A complete run is returned as
     * it is, except a run that failed for a reason of the machine ({@link RunResult#resumable()}): its result
     * is set aside (see {@link #setAside}) and the run resumes from its last checkpoint.
     *
     * <p>Each execution appends one line to the run's {@code attempts.log} (see {@link #recordAttempt}),
     * so a test can check that every run executed exactly once; while training, the run's
     * {@code progress.json} (a {@link RunProgress}) is kept up to date for the sweep's progress display.
     *
     * @param note appended to the attempt's line (e.g. the stale claim this execution took over)
     */
    public RunResult execute(RunSpec spec, Trainer.Options options, Optional<String> note) {
        RunFolder f = folder(spec.id());
        if (f.isComplete()) {
            RunResult previous = RunResult.fromMap(RunFolder.readJson(f.result()));
            if (!previous.resumable()) {
                return previous;
            }
            setAside(spec.id());
        }
        recordAttempt(f, note);
        try {
            return Trainer.run(spec, f, options.withListener(RunProgress.writer(f.progress(), options.listener())));
        } catch (io.salr.harness.run.Interruption.StopRequested e) {
            throw e;
        } catch (RuntimeException e) {
            // the machine (a rerun may succeed where this one failed) or the run and its data (the same every time)
            return recordFailure(spec, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    io.salr.harness.run.FailureKinds.of(e));
        }
    }

    /** {@link #execute(RunSpec, Trainer.Options, Optional)} without a note. */
    public RunResult execute(RunSpec spec, Trainer.Options options) {
        return execute(spec, options, Optional.empty());
    }

    /**
     * Renames the result.json of a run that failed for a reason of the machine to
     * {@code failure-TIMESTAMP.json} in its folder, so that the run can resume from its checkpoint while the
     * record of the failure stays.
     */
    public void setAside(String id) {
        RunFolder f = folder(id);
        Path target = f.dir().resolve("failure-" + System.currentTimeMillis() + ".json");
        try {
            Files.move(f.result(), target);
        } catch (java.nio.file.NoSuchFileException e) {
            // already set aside (or retired) by the trainer or another process
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + f.result() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code TIME host=HOST pid=PID[ slurm=JOB_TASK][ NOTE]} to the run's attempts.log, in one append
     * (whole lines even when two processes were to append at once).
     */
    static void recordAttempt(RunFolder f, Optional<String> note) {
        StringBuilder line = new StringBuilder(Instant.now().toString());
        line.append(" host=").append(RunClaims.hostName()).append(" pid=").append(ProcessHandle.current().pid());
        String job = System.getenv("SLURM_ARRAY_JOB_ID");
        if (job != null) {
            line.append(" slurm=").append(job).append('_').append(System.getenv().getOrDefault("SLURM_ARRAY_TASK_ID", "?"));
        }
        note.ifPresent(n -> line.append(' ').append(n.replaceAll("[\\r\\n]+", " ")));
        line.append('\n');
        // lines this JVM could not write before (a full disk) go first, in the order of their attempts
        String pending = UNWRITTEN_ATTEMPTS.getOrDefault(f.attempts(), "");
        long before = -1;
        try {
            Files.createDirectories(f.dir());
            before = Files.exists(f.attempts()) ? Files.size(f.attempts()) : 0;
            Files.writeString(f.attempts(), pending + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            UNWRITTEN_ATTEMPTS.remove(f.attempts());
        } catch (IOException e) {
            // kept for the next attempt this JVM (a long-lived worker) records on this run: not lost with the disk;
            // a part of it that did get written is cut off again, so that the file holds whole lines only
            UNWRITTEN_ATTEMPTS.put(f.attempts(), pending + line);
            if (before >= 0) {
                try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f.attempts(), StandardOpenOption.WRITE)) {
                    c.truncate(before);
                } catch (IOException ignored) {
                    // nothing was created, or the file cannot be opened: nothing partial to cut
                }
            }
            throw new UncheckedIOException("cannot append to " + f.attempts(), e);
        }
    }

    /** attempts.log lines that could not be written (a full disk), by file, for the next attempt to write first. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, String> UNWRITTEN_ATTEMPTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Writes a {@code failed} result for a run that could not run at all. */
    public RunResult recordFailure(RunSpec spec, String cause, RunResult.FailureKind kind) {
        RunFolder f = folder(spec.id());
        f.claim(spec);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budget", spec.budget().describe());
        details.put("failed_at", Instant.now().toString());
        RunResult result = RunResult.failed(spec.id(), cause, kind, details);
        RunFolder.writeJson(f.result(), result.toMap());
        return result;
    }

    /**
     * Moves the folder of a failed run to {@code STORE/failed/ID-TIMESTAMP/} so the next sweep runs it afresh
     * (the sweep does it for a deterministic failure with {@code --retry-failed}, under the run's claim).
     */
    public void retire(String id) {
        Path target = root.resolve("failed").resolve(id + "-" + System.currentTimeMillis());
        try {
            Files.createDirectories(target.getParent());
            Files.move(folder(id).dir(), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + folder(id).dir() + " to " + target, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException("spec", file, "cannot be read (" + e.getMessage() + ")");
        }
    }
}
