package io.salr.harness.bench;

import io.salr.optimizers.dl4j.zoo.Execution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sweep throughput of small models: N worker processes on N cores, each training the MLP with SGD, with
 * one OpenMP thread per worker and with N threads per worker, against one worker alone with N threads.
 * Each worker is a fresh JVM ({@link #main}) that reports its median step time; the runs-per-hour of a
 * configuration is proportional to workers / step time, so the ratios below are throughput ratios. Measured
 * on DL4J (rows without a suffix) and on the torch engine (rows ending {@code _torch}); a step inside a lone
 * worker is also compared with the same engine's bare step in the bench's own JVM
 * ({@code sweep_worker_vs_bare}, target at most 1.2).
 */
final class SweepThroughput {

    private SweepThroughput() {
    }

    /**
     * Measures the three configurations and returns their figures: {@code sweep_workers} (N),
     * {@code sweep_step_ms_1w_Nt}, {@code sweep_step_ms_Nw_1t}, {@code sweep_step_ms_Nw_Nt} and the
     * throughput ratios {@code sweep_speedup_1t} (N workers x 1 thread over 1 worker x N threads) and
     * {@code sweep_speedup_Nt} (N workers x N threads over the same).
     */
    static List<BenchRow> measure(int workers, int warmup, int steps) {
        return measure("dl4j", workers, warmup, steps);
    }

    /**
     * As {@link #measure(int, int, int)} on {@code engine} ({@code dl4j} or {@code torch}); the torch engine's rows
     * end with {@code _torch} and {@code sweep_workers} is left to the DL4J rows.
     */
    static List<BenchRow> measure(String engine, int workers, int warmup, int steps) {
        boolean torch = engine.equals("torch");
        String x = torch ? "_torch" : "";
        double single = median(run(engine, 1, workers, warmup, steps));
        double oneThread = median(run(engine, workers, 1, warmup, steps));
        double allThreads = median(run(engine, workers, workers, warmup, steps));
        List<BenchRow> rows = new ArrayList<>();
        if (!torch) {
            rows.add(new BenchRow("sweep_workers", workers, "processes"));
        }
        rows.add(new BenchRow("sweep_step_ms_1w_" + workers + "t" + x, single, "ms"));
        rows.add(new BenchRow("sweep_step_ms_" + workers + "w_1t" + x, oneThread, "ms"));
        rows.add(new BenchRow("sweep_step_ms_" + workers + "w_" + workers + "t" + x, allThreads, "ms"));
        rows.add(new BenchRow("sweep_speedup_1t" + x, workers * single / oneThread, "ratio"));
        rows.add(new BenchRow("sweep_speedup_" + workers + "t" + x, workers * single / allThreads, "ratio"));
        return rows;
    }

    /**
     * {@code sweep_worker_vs_bare[_torch]}: the step of a lone worker with all threads
     * ({@code sweep_step_ms_1w_Nt}) over the same engine's bare step in the bench's JVM ({@code bareRow}).
     */
    static BenchRow workerVsBare(List<BenchRow> sweepRows, String bareRow, double bareMs, boolean torch) {
        BenchRow single = sweepRows.stream().filter(r -> r.name().startsWith("sweep_step_ms_1w_")).findFirst().orElseThrow();
        return new BenchRow("sweep_worker_vs_bare" + (torch ? "_torch" : ""), single.value() / bareMs,
                "ratio " + single.name() + " / " + bareRow + "; target <= 1.2");
    }

    /** Starts {@code workers} worker JVMs at once with OMP_NUM_THREADS = threads; their median step times. */
    private static double[] run(String engine, int workers, int threads, int warmup, int steps) {
        List<Process> processes = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), SweepThroughput.class.getName(),
                        Integer.toString(warmup), Integer.toString(steps), engine);
                pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                processes.add(pb.start());
            }
            double[] ms = new double[workers];
            for (int w = 0; w < workers; w++) {
                Process p = processes.get(w);
                String out;
                try (InputStream in = p.getInputStream()) {
                    out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
                if (p.waitFor() != 0 || !out.startsWith("median_ms,")) {
                    throw new IllegalStateException("sweep worker failed (exit " + p.exitValue() + "): " + out);
                }
                ms[w] = Double.parseDouble(out.substring("median_ms,".length()));
            }
            return ms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sweep workers", e);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
        }
    }

    private static double median(double[] v) {
        return Bench.median(v);
    }

    /** A worker: {@code WARMUP STEPS [dl4j|torch]}; prints {@code median_ms,VALUE} for the MLP's SGD step. */
    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        boolean torch = args.length > 2 && args[2].equals("torch");
        Workload w = torch ? new Workload(new io.salr.optimizers.torch.TorchEngine("cpu"), "mlp", "sgd", Bench.BATCH, 1_000_000)
                : new Workload("mlp", "sgd", Execution.FAST, Bench.BATCH, 1_000_000);
        double ms = Bench.medianStepMs(w, warmup, steps);
        System.out.println(String.format(Locale.ROOT, "median_ms,%.4f", ms));
    }
}
