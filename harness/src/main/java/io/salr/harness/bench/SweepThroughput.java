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
 * configuration is proportional to workers / step time, so the ratios below are throughput ratios.
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
        double single = median(run(1, workers, warmup, steps));
        double oneThread = median(run(workers, 1, warmup, steps));
        double allThreads = median(run(workers, workers, warmup, steps));
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow("sweep_workers", workers, "processes"));
        rows.add(new BenchRow("sweep_step_ms_1w_" + workers + "t", single, "ms"));
        rows.add(new BenchRow("sweep_step_ms_" + workers + "w_1t", oneThread, "ms"));
        rows.add(new BenchRow("sweep_step_ms_" + workers + "w_" + workers + "t", allThreads, "ms"));
        rows.add(new BenchRow("sweep_speedup_1t", workers * single / oneThread, "ratio"));
        rows.add(new BenchRow("sweep_speedup_" + workers + "t", workers * single / allThreads, "ratio"));
        return rows;
    }

    /** Starts {@code workers} worker JVMs at once with OMP_NUM_THREADS = threads; their median step times. */
    private static double[] run(int workers, int threads, int warmup, int steps) {
        List<Process> processes = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), SweepThroughput.class.getName(),
                        Integer.toString(warmup), Integer.toString(steps));
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

    /** A worker: {@code WARMUP STEPS}; prints {@code median_ms,VALUE} for the MLP's SGD step. */
    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        Workload w = new Workload("mlp", "sgd", Execution.FAST, Bench.BATCH, 1_000_000);
        double ms = Bench.medianStepMs(w, warmup, steps);
        System.out.println(String.format(Locale.ROOT, "median_ms,%.4f", ms));
    }
}
