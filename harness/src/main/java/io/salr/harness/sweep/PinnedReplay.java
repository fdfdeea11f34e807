package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The determinism check behind {@code salr replay}. A folder pins one short run ({@code sweep.yaml}) and
 * what it produced when recorded ({@code expected.json}). {@link #replay} runs it again in a fresh store, in
 * one worker JVM with the run's own thread count (1 for the pinned MLP run: the thread count changes the order
 * of floating-point sums, so it is part of the spec)
 * and the CPU kernels pinned to the AVX2 family ({@link io.salr.harness.run.Kernels#PINNED}: the same bits on
 * AVX2-only and AVX-512 machines, whatever the caller's environment asks for), and compares bit for bit: the
 * run id (the spec's content hash), the SHA-256 of every data file read, every final metric but the wall
 * time, and digests of the per-iteration log and of the per-epoch log without its wall-time column.
 * Separate from the statistical gate: on the same code, data and kind of CPU a run must reproduce exactly.
 */
public final class PinnedReplay {

    /** Metrics that depend on the machine's load, not on the computation; never compared. */
    public static final List<String> UNCOMPARED = List.of(Metric.WALL_SECONDS.id());

    /** How a replay ended. */
    public enum Verdict {
        /** Every compared value has the recorded bits. */
        IDENTICAL,
        /** Some value differs: {@link Outcome#differences()} says which. */
        DIFFERENT,
        /** The pinned run did not complete. */
        FAILED,
        /** {@code --record}: the record was (re)written from this run. */
        RECORDED
    }

    /**
     * What a replay found.
     *
     * @param verdict how it ended
     * @param differences one line per differing value (empty unless DIFFERENT)
     * @param message a one-line summary for the user
     * @param recordedWith the recorded machine and settings (DIFFERENT only, else empty)
     * @param replayedWith this run's machine and settings
     */
    public record Outcome(Verdict verdict, List<String> differences, String message, Map<String, Object> recordedWith,
            Map<String, Object> replayedWith) {
    }

    /**
     * Where and how to replay.
     *
     * @param dataDir the dataset folder, empty for the default
     * @param inProcess run in this JVM with its thread settings (for tests) instead of a pinned worker JVM
     * @param keep the store to run into and keep, empty for a temporary one that is deleted afterwards
     */
    public record Options(Optional<Path> dataDir, boolean inProcess, Optional<Path> keep) {
    }

    private PinnedReplay() {
    }

    /**
     * Replays the run pinned in {@code dir}, or with {@code record} rewrites {@code dir/expected.json}
     * from it. Progress lines go to {@code out}.
     *
     * @throws InvalidParameterException when {@code dir} holds no pinned spec, the spec plans other than
     *     one run, or there is no record to compare with
     */
    public static Outcome replay(Path dir, boolean record, Options options, PrintWriter out) throws IOException {
        Path specFile = dir.resolve("sweep.yaml");
        Path expectedFile = dir.resolve("expected.json");
        if (!Files.isRegularFile(specFile)) {
            throw new InvalidParameterException("replay", dir, "must be a folder holding sweep.yaml (the pinned run)");
        }
        if (!record && !Files.isRegularFile(expectedFile)) {
            throw new InvalidParameterException("replay", expectedFile,
                    "is missing: record it first with salr replay " + dir + " --record");
        }
        String yaml = Files.readString(specFile, StandardCharsets.UTF_8);
        SweepPlan plan = SweepSpec.parse(yaml).plan();
        if (plan.runs().size() != 1) {
            throw new InvalidParameterException("pinned spec", specFile, "must plan exactly one run, plans " + plan.runs().size());
        }
        SweepPlan.PlannedRun run = plan.runs().get(0);
        Path storeDir = options.keep().isPresent() ? options.keep().get() : Files.createTempDirectory("salr-replay-");
        try {
            Store store = new Store(storeDir);
            store.prepare(plan, yaml);
            out.println("replay: running pinned run " + run.id() + " (" + run.spec().methodName() + ", seed " + run.spec().seed()
                    + ") in " + storeDir);
            out.flush();
            RunResult result;
            if (options.inProcess()) {
                result = store.execute(run.spec(), Trainer.Options.defaults().withDataDir(options.dataDir()));
            } else {
                // one worker JVM with OMP_NUM_THREADS = the spec's threads, whatever the caller's environment says
                SweepRunner.run(store, List.of(run), new SweepRunner.Options(1, false, options.dataDir(), false, out));
                result = store.result(run.id()).orElse(RunResult.failed(run.id(), "the worker JVM left no result",
                        RunResult.FailureKind.INFRASTRUCTURE, Map.of()));
            }
            if (result.status() != RunStatus.COMPLETED) {
                return new Outcome(Verdict.FAILED, List.of(), "the pinned run did not complete: " + result.status().label()
                        + result.cause().map(c -> " (" + c + ")").orElse(""), Map.of(), Map.of());
            }
            RunFolder folder = store.folder(run.id());
            Map<String, Object> observed = observed(run.id(), result.toMap(), folder);
            Map<String, Object> with = recordedWith(folder, options.inProcess());
            if (record) {
                Map<String, Object> recorded = new LinkedHashMap<>(observed);
                recorded.put("recorded_with", with);
                RunFolder.writeJson(expectedFile, recorded);
                return new Outcome(Verdict.RECORDED, List.of(), "recorded " + expectedFile, Map.of(), with);
            }
            Map<String, Object> expected = withoutOutcomeFlags(RunFolder.readJson(expectedFile));
            List<String> differences = compare(expected, observed);
            if (differences.isEmpty()) {
                return new Outcome(Verdict.IDENTICAL, List.of(), count(observed) + " values reproduced bit for bit", Map.of(), with);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> then = expected.get("recorded_with") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return new Outcome(Verdict.DIFFERENT, differences, differences.size() + " value(s) differ from " + expectedFile,
                    then, with);
        } finally {
            if (options.keep().isEmpty()) {
                deleteTree(storeDir);
            }
        }
    }

    /** What is compared: run id, data checksums, final metrics (wall time excluded), trajectory digests. */
    public static Map<String, Object> observed(String id, Map<String, Object> result, RunFolder folder) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("run_id", id);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = new TreeMap<>((Map<String, Object>) result.get("metrics"));
        UNCOMPARED.forEach(metrics::remove);
        o.put("metrics", metrics);
        o.put("iterations_csv_sha256", sha256(read(folder.iterations())));
        o.put("epochs_csv_sha256", sha256(withoutColumn(read(folder.epochs()), Metric.WALL_SECONDS.id())));
        Object data = provenance(folder).getOrDefault("dataChecksums", Map.of());
        o.put("data_sha256", data instanceof Map<?, ?> m ? new TreeMap<Object, Object>(m) : data);
        return o;
    }

    /**
     * A record written when results still held the 0/1 outcome flags ({@code diverged: 0}) without the flags that say
     * what the status of the completed run says (a flag that is not 0 stays, and is reported as a difference).
     */
    static Map<String, Object> withoutOutcomeFlags(Map<String, Object> expected) {
        if (!(expected.get("metrics") instanceof Map<?, ?> m)) {
            return expected;
        }
        Map<Object, Object> metrics = new TreeMap<>(m);
        metrics.entrySet().removeIf(e -> Metric.byId(String.valueOf(e.getKey())).map(x -> x.kind() == Metric.Kind.OUTCOME)
                .orElse(false) && e.getValue() instanceof Number n && n.doubleValue() == 0);
        Map<String, Object> out = new LinkedHashMap<>(expected);
        out.put("metrics", metrics);
        return out;
    }

    /** Differences between a recorded and an observed map, one line each; numbers are compared by their bits. */
    public static List<String> compare(Map<String, Object> expected, Map<String, Object> observed) {
        List<String> out = new ArrayList<>();
        compare("", expected, observed, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void compare(String prefix, Map<String, Object> expected, Map<String, Object> observed, List<String> out) {
        for (Map.Entry<String, Object> e : observed.entrySet()) {
            String key = prefix + e.getKey();
            if (!expected.containsKey(e.getKey())) {
                out.add(key + ": not recorded, now " + e.getValue());
                continue;
            }
            Object want = expected.get(e.getKey());
            Object got = e.getValue();
            if (want instanceof Map && got instanceof Map) {
                compare(key + ".", (Map<String, Object>) want, (Map<String, Object>) got, out);
            } else if (want instanceof Number w && got instanceof Number g) {
                long wb = Double.doubleToLongBits(w.doubleValue());
                long gb = Double.doubleToLongBits(g.doubleValue());
                if (wb != gb) {
                    out.add(key + ": recorded " + w + " (bits " + Long.toHexString(wb) + "), replayed " + g
                            + " (bits " + Long.toHexString(gb) + "), difference " + (g.doubleValue() - w.doubleValue()));
                }
            } else if (!Objects.equals(String.valueOf(want), String.valueOf(got))) {
                out.add(key + ": recorded " + want + ", replayed " + got);
            }
        }
        for (String k : expected.keySet()) {
            if (!observed.containsKey(k) && !k.equals("recorded_with")) {
                out.add(prefix + k + ": recorded " + expected.get(k) + ", missing now");
            }
        }
    }

    private static int count(Map<String, Object> m) {
        int n = 0;
        for (Object v : m.values()) {
            n += v instanceof Map<?, ?> inner ? inner.size() : 1;
        }
        return n;
    }

    private static Map<String, Object> recordedWith(RunFolder folder, boolean inProcess) {
        Map<String, Object> p = provenance(folder);
        Map<String, Object> w = new LinkedHashMap<>();
        for (String k : List.of("gitCommit", "gitDirty", "javaVersion", "javaVendor", "os", "cpu", "device")) {
            w.put(k, p.get(k));
        }
        // the engine describes itself; provenance written before it did holds ND4J's facts at the top level
        Map<String, Object> engine = new LinkedHashMap<>();
        if (p.get("engine") instanceof Map<?, ?> described) {
            described.forEach((k, v) -> engine.put(String.valueOf(k), v));
        }
        for (String k : List.of("nd4jBackend", "nd4jVersion")) {
            if (p.containsKey(k)) {
                engine.putIfAbsent(k, p.get(k));
            }
        }
        w.put("engine", engine);
        w.put("threads", inProcess ? "in process, OMP_NUM_THREADS="
                + Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("(unset)") : "worker JVM, OMP_NUM_THREADS=" + folderThreads(folder));
        w.put("execution", p.getOrDefault("execution", Map.of()));
        w.put("at", Instant.now().toString());
        return w;
    }

    /** The threads the run's spec asked for (its worker's OMP_NUM_THREADS). */
    private static int folderThreads(RunFolder folder) {
        return folder.readSpec().threads();
    }

    private static Map<String, Object> provenance(RunFolder folder) {
        return Files.isRegularFile(folder.provenance()) ? RunFolder.readJson(folder.provenance()) : Map.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The CSV text with one column removed (the logs hold plain numbers: no quoting to care about). */
    public static String withoutColumn(String csv, String column) {
        String[] lines = csv.split("\n", -1);
        int index = Arrays.asList(lines[0].split(",", -1)).indexOf(column);
        if (index < 0) {
            return csv;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                if (i < lines.length - 1) {
                    sb.append('\n');
                }
                continue;
            }
            List<String> cells = new ArrayList<>(Arrays.asList(lines[i].split(",", -1)));
            if (index < cells.size()) {
                cells.remove(index);
            }
            sb.append(String.join(",", cells));
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
