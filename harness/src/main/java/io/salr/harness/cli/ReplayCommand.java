package io.salr.harness.cli;

import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepRunner;
import io.salr.harness.sweep.SweepSpec;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salr replay DIR}: the determinism check. {@code DIR/sweep.yaml} pins one short run;
 * {@code DIR/expected.json} holds what that run produced when it was recorded ({@code --record}). A replay
 * runs it again in a fresh temporary store, in one worker JVM with {@code OMP_NUM_THREADS=1} (the thread
 * count changes the order of floating-point sums, so it is pinned) and the CPU kernels pinned to the AVX2
 * family ({@link io.salr.harness.run.Kernels#PINNED}: the same bits on AVX2-only and AVX-512 machines,
 * whatever the caller's environment says), and compares bit for bit: the run id (the spec's
 * content hash), the SHA-256 of every data file read, every final metric but the wall time, and SHA-256
 * digests of the per-iteration log and of the per-epoch log without its wall-time column. This is separate
 * from the statistical gate: on the same code, data and kind of CPU a run must reproduce exactly
 * (DESIGN: "same spec + same code + CPU => same numbers, bit for bit").
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Determinism check: rerun the run pinned in DIR/sweep.yaml and compare it bit for bit with",
            "DIR/expected.json (metrics except wall time, trajectory digests, data checksums, run id).",
            "--record writes DIR/expected.json from this run instead (a deliberate refresh).",
            "Exit code 0 identical, 1 some value differs or the run did not complete, 2 bad input."})
final class ReplayCommand implements Callable<Integer> {

    /** Metrics that depend on the machine's load, not on the computation; never compared. */
    static final List<String> UNCOMPARED = List.of("wall_seconds");

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder with sweep.yaml (one run) and expected.json, e.g. ci/pinned.")
    Path dir;

    @Option(names = "--record", description = "Write DIR/expected.json from this run (refresh the pinned record).")
    boolean record;

    @Option(names = "--data-dir", description = "Directory holding the dataset files.")
    Path dataDir;

    @Option(names = "--in-process",
            description = "Run in this JVM with its thread settings (for tests), not in a worker JVM with OMP_NUM_THREADS=1.")
    boolean inProcess;

    @Option(names = "--keep", paramLabel = "STORE", description = "Run into this store and keep it (default: a temporary store, deleted).")
    Path keep;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
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
        Path storeDir = keep != null ? keep : Files.createTempDirectory("salr-replay-");
        try {
            Store store = new Store(storeDir);
            store.prepare(plan, yaml);
            out.println("replay: running pinned run " + run.id() + " (" + run.spec().methodName() + ", seed " + run.spec().seed()
                    + ") in " + storeDir);
            out.flush();
            RunResult result;
            if (inProcess) {
                result = store.execute(run.spec(), Trainer.Options.defaults().withDataDir(Optional.ofNullable(dataDir)));
            } else {
                // one worker JVM with OMP_NUM_THREADS = cores / workers = 1: the thread count changes the order of
                // floating-point sums, so it is pinned rather than inherited from the caller
                int workers = Runtime.getRuntime().availableProcessors();
                SweepRunner.run(store, List.of(run), new SweepRunner.Options(workers, false, Optional.ofNullable(dataDir),
                        false, out));
                result = store.result(run.id()).orElse(RunResult.failed(run.id(), "the worker JVM left no result",
                        RunResult.FailureKind.INFRASTRUCTURE, Map.of()));
            }
            if (result.status() != RunStatus.COMPLETED) {
                out.println("replay: FAILED: the pinned run did not complete: " + result.status().label()
                        + result.cause().map(c -> " (" + c + ")").orElse(""));
                out.flush();
                return 1;
            }
            RunFolder folder = store.folder(run.id());
            Map<String, Object> observed = observed(run.id(), result.toMap(), folder);
            if (record) {
                Map<String, Object> recorded = new LinkedHashMap<>(observed);
                recorded.put("recorded_with", recordedWith(folder, inProcess));
                RunFolder.writeJson(expectedFile, recorded);
                out.println("replay: recorded " + expectedFile);
                out.flush();
                return 0;
            }
            Map<String, Object> expected = RunFolder.readJson(expectedFile);
            List<String> differences = compare(expected, observed);
            if (differences.isEmpty()) {
                out.println("replay: IDENTICAL: " + count(observed) + " values reproduced bit for bit");
                out.flush();
                return 0;
            }
            out.println("replay: DIFFERENT: " + differences.size() + " value(s) differ from " + expectedFile + ":");
            differences.forEach(d -> out.println("  " + d));
            out.println("recorded with " + expected.get("recorded_with"));
            out.println("this run: " + recordedWith(folder, inProcess));
            out.println("If the change is intended (training code, data or CPU changed), refresh deliberately: "
                    + "./salr replay " + dir + " --record, and commit the new expected.json with the reason.");
            out.flush();
            return 1;
        } finally {
            if (keep == null) {
                deleteTree(storeDir);
            }
        }
    }

    /** What is compared: run id, data checksums, final metrics (wall time excluded), trajectory digests. */
    static Map<String, Object> observed(String id, Map<String, Object> result, RunFolder folder) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("run_id", id);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = new TreeMap<>((Map<String, Object>) result.get("metrics"));
        UNCOMPARED.forEach(metrics::remove);
        o.put("metrics", metrics);
        o.put("iterations_csv_sha256", sha256(read(folder.iterations())));
        o.put("epochs_csv_sha256", sha256(withoutColumn(read(folder.epochs()), "wall_seconds")));
        Object data = provenance(folder).getOrDefault("dataChecksums", Map.of());
        o.put("data_sha256", data instanceof Map<?, ?> m ? new TreeMap<Object, Object>(m) : data);
        return o;
    }

    /** Differences between a recorded and an observed map, one line each; numbers are compared by their bits. */
    static List<String> compare(Map<String, Object> expected, Map<String, Object> observed) {
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
        for (String k : List.of("gitCommit", "gitDirty", "javaVersion", "javaVendor", "os", "cpu", "device", "nd4jBackend",
                "nd4jVersion")) {
            w.put(k, p.get(k));
        }
        w.put("threads", inProcess ? "in process, OMP_NUM_THREADS="
                + Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("(unset)") : "worker JVM, OMP_NUM_THREADS=1");
        w.put("execution", p.getOrDefault("execution", Map.of()));
        w.put("at", Instant.now().toString());
        return w;
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
    static String withoutColumn(String csv, String column) {
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
