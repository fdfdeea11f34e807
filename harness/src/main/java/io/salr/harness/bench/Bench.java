package io.salr.harness.bench;

import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.harness.run.Kernels;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.Checks;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the bench's figures in one process, one after the other, so that they share the machine's
 * state and their ratios are meaningful even where the absolute values are noisy. Every time is a
 * median over repeated steps after warm-up steps that are not counted; methods whose iterations differ
 * in cost (SALR refreshes every c iterations) are timed over windows of whole refresh periods.
 */
public final class Bench {

    /** Examples per step, as in the paper's Fashion-MNIST experiments. */
    public static final int BATCH = 128;

    /**
     * How much to measure.
     *
     * @param warmup steps (or windows) run before timing
     * @param lenetRepeats timed LeNet steps
     * @param mlpRepeats timed MLP steps
     * @param methodModel the model the ten methods are timed on ({@code lenet} or {@code mlp})
     * @param methodWindows timed windows per method
     * @param windowIterations iterations per window (a multiple of SALR's default c = 2)
     * @param gemmSize n of the n x n x n sgemm
     * @param longRunIterations MLP iterations of the memory run
     * @param plainBaseline also time DL4J as configured out of the box ({@link Execution#PLAIN})
     * @param sweepSteps timed MLP steps per worker process of the sweep-throughput measurement, 0 to skip it
     * @param python the interpreter that runs the PyTorch peer, empty to skip it
     */
    public record Settings(int warmup, int lenetRepeats, int mlpRepeats, String methodModel, int methodWindows,
            int windowIterations, int gemmSize, int longRunIterations, boolean plainBaseline, int sweepSteps,
            Optional<String> python) {

        public Settings {
            Checks.atLeast("warmup", warmup, 1);
            Checks.atLeast("lenetRepeats", lenetRepeats, 1);
            Checks.atLeast("mlpRepeats", mlpRepeats, 1);
            if (!methodModel.equals("lenet") && !methodModel.equals("mlp")) {
                throw new IllegalArgumentException("methods model must be lenet or mlp, got " + methodModel);
            }
            Checks.atLeast("methodWindows", methodWindows, 1);
            Checks.atLeast("windowIterations", windowIterations, 2);
            if (windowIterations % 2 != 0) {
                throw new IllegalArgumentException("window iterations must be a multiple of 2 (SALR's c), got " + windowIterations);
            }
            Checks.atLeast("gemmSize", gemmSize, 16);
            Checks.atLeast("longRunIterations", longRunIterations, 10);
            Checks.atLeast("sweepSteps", sweepSteps, 0);
            Checks.present("python", python);
        }

        /** The full bench: the figures of the README's performance section (a few minutes on 2 cores). */
        public static Settings full(Optional<String> python) {
            return new Settings(5, 20, 200, "lenet", 5, 4, 1024, 10_000, true, 300, python);
        }

        /** A quick pass (seconds; for tests): few repeats, methods on the MLP, no sweep-throughput run. */
        public static Settings quick(Optional<String> python) {
            return new Settings(2, 3, 20, "mlp", 2, 2, 256, 200, true, 0, python);
        }

        /** The same settings with another long-run length. */
        public Settings withLongRunIterations(int n) {
            return new Settings(warmup, lenetRepeats, mlpRepeats, methodModel, methodWindows, windowIterations, gemmSize,
                    n, plainBaseline, sweepSteps, python);
        }

        /** The same settings with another number of steps per sweep worker (0 skips the sweep run). */
        public Settings withSweepSteps(int n) {
            return new Settings(warmup, lenetRepeats, mlpRepeats, methodModel, methodWindows, windowIterations, gemmSize,
                    longRunIterations, plainBaseline, n, python);
        }
    }

    private Bench() {
    }

    /** Runs every measurement; progress goes to {@code log}. */
    public static List<BenchRow> run(Settings s, PrintWriter log) {
        List<BenchRow> rows = new ArrayList<>();
        double gflops = gemmGflops(s.gemmSize(), s.warmup(), 10);
        rows.add(new BenchRow("gemm_gflops", gflops, "GFLOP/s"));
        progress(log, "sgemm %d^3: %.1f GFLOP/s", s.gemmSize(), gflops);

        for (String model : List.of("lenet", "mlp")) {
            int repeats = model.equals("lenet") ? s.lenetRepeats() : s.mlpRepeats();
            Workload fast = new Workload(model, "sgd", Execution.FAST, BATCH, 1_000_000);
            double flops = fast.stepFlops();
            double ms = medianStepMs(fast, s.warmup(), repeats);
            rows.add(new BenchRow(model + "_step_ms_dl4j", ms, "ms"));
            rows.add(new BenchRow(model + "_step_gflop", flops / 1e9, "GFLOP"));
            rows.add(new BenchRow(model + "_roofline_ms", flops / (gflops * 1e9) * 1e3, "ms"));
            progress(log, "%s step (SGD, adapter): %.2f ms; roofline %.2f ms", model, ms, flops / (gflops * 1e6));
            if (s.plainBaseline()) {
                Workload plain = new Workload(model, "sgd", Execution.PLAIN, BATCH, 1_000_000);
                double plainMs = medianStepMs(plain, s.warmup(), Math.max(1, repeats / 2));
                rows.add(new BenchRow(model + "_step_ms_dl4j_plain", plainMs, "ms"));
                progress(log, "%s step, DL4J out of the box: %.2f ms", model, plainMs);
            }
        }

        if (s.python().isPresent()) {
            TorchPeer.Result peer = TorchPeer.run(s.python().get(), BATCH, s.warmup(), s.lenetRepeats(), s.mlpRepeats());
            rows.addAll(peer.rows());
            progress(log, "%s", peer.message());
        } else {
            progress(log, "PyTorch peer skipped (--python none)");
        }

        double sgdMs = 0;
        double sgdCalls = 0;
        for (Map.Entry<String, MethodSpec> variant : methodVariants().entrySet()) {
            String method = variant.getKey();
            MethodTiming t = timeMethod(variant.getValue(), s);
            rows.add(new BenchRow("step_ms_" + method, t.msPerIteration(), "ms (" + s.methodModel() + ")"));
            rows.add(new BenchRow("gradcalls_" + method, t.callsPerIteration(), "calls/iteration"));
            progress(log, "%-18s %.2f ms/iteration, %.2f gradient calls/iteration", method, t.msPerIteration(),
                    t.callsPerIteration());
            if (method.equals("sgd")) {
                sgdMs = t.msPerIteration();
                sgdCalls = t.callsPerIteration();
            } else if (method.startsWith("sgd-salr")) {
                String prefix = method.equals("sgd-salr") ? "salr" : "salr_batch";
                double timeRatio = t.msPerIteration() / sgdMs;
                double callRatio = t.callsPerIteration() / sgdCalls;
                rows.add(new BenchRow(prefix + "_time_ratio", timeRatio, "ratio"));
                rows.add(new BenchRow(prefix + "_gradcall_ratio", callRatio, "ratio"));
                rows.add(new BenchRow(prefix + "_overhead", timeRatio / callRatio, "ratio"));
            }
        }

        rows.addAll(longRun(s.longRunIterations(), log));
        if (s.sweepSteps() > 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            List<BenchRow> sweep = SweepThroughput.measure(cores, s.warmup() * 4, s.sweepSteps());
            rows.addAll(sweep);
            progress(log, "sweep throughput, %d MLP workers: %.2fx with 1 thread each, %.2fx with %d threads each",
                    cores, sweep.get(4).value(), sweep.get(5).value(), cores);
        }
        if (s.sweepSteps() > 0) { // the full bench: what the kernel pin costs, in two fresh JVMs
            List<BenchRow> pin = KernelPinCost.measure(s.warmup(), s.mlpRepeats(), s.lenetRepeats(), s.gemmSize());
            rows.addAll(pin);
            progress(log, "kernel pin (pinned / native step time): MLP %.2fx, LeNet %.2fx; sgemm %.0f / %.0f GFLOP/s",
                    pin.get(6).value(), pin.get(7).value(), pin.get(0).value(), pin.get(1).value());
        }
        rows.add(new BenchRow("kernels", Kernels.ofThisProcess() == Kernels.PINNED ? 1 : 0, "1 = pinned (this JVM)"));
        rows.add(new BenchRow("nd4j_threads", Nd4j.getEnvironment().maxThreads(), "threads"));
        rows.add(new BenchRow("javacpp_max_physical_mb", org.bytedeco.javacpp.Pointer.maxPhysicalBytes() / 1048576.0, "MB"));
        return rows;
    }

    /** n x n x n float sgemm rate: the median over {@code repeats} products after {@code warmup}. */
    static double gemmGflops(int n, int warmup, int repeats) {
        Nd4j.getRandom().setSeed(3L);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n);
        double[] ms = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (i >= 0) {
                ms[i] = elapsed;
            }
        }
        return 2.0 * n * n * n / (median(ms) * 1e6);
    }

    static double medianStepMs(Workload w, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            w.step();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            w.step();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    /**
     * The timed methods: every method with its defaults (SGD-SALR with Algorithm 2's per-example
     * directions), and SGD-SALR with the normalized batch gradient ({@code sgd-salr-batch}), whose
     * 5 gradient calls per iteration at n1 = n2 = 5, c = 2 are the paper's accounting.
     */
    static Map<String, MethodSpec> methodVariants() {
        Map<String, MethodSpec> m = new java.util.LinkedHashMap<>();
        for (Method method : Method.values()) {
            m.put(method.cliName(), MethodSpec.defaults(method));
            if (method == Method.SGD_SALR) {
                m.put("sgd-salr-batch", MethodSpec.resolve(method, Map.of("normalization", "batch")));
            }
        }
        return m;
    }

    /** Mean time and gradient calls per iteration of one method. */
    record MethodTiming(double msPerIteration, double callsPerIteration) {
    }

    static MethodTiming timeMethod(MethodSpec method, Settings s) {
        int k = s.windowIterations();
        long planned = (long) (s.methodWindows() + 1) * k;
        Workload w = new Workload(new io.salr.optimizers.dl4j.Dl4jEngine(Execution.FAST), s.methodModel(), method, BATCH,
                planned);
        for (int i = 0; i < k; i++) {
            w.step();
        }
        long callsBefore = w.gradientCalls();
        double[] windowMs = new double[s.methodWindows()];
        for (int r = 0; r < windowMs.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < k; i++) {
                w.step();
            }
            windowMs[r] = (System.nanoTime() - t0) / 1e6 / k;
        }
        double calls = (double) (w.gradientCalls() - callsBefore) / ((long) k * windowMs.length);
        return new MethodTiming(median(windowMs), calls);
    }

    /**
     * Resident memory over a long MLP run with SGD, a new batch every iteration (as training makes one):
     * the peak and current resident set after the first tenth of the run, and at its end.
     */
    static List<BenchRow> longRun(int iterations, PrintWriter log) {
        Workload w = new Workload("mlp", "sgd", Execution.FAST, BATCH, iterations);
        int warm = Math.max(1, iterations / 10);
        long t0 = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            w.step(w.randomBatch());
        }
        OptionalDouble peakStart = Memory.peakResidentMb();
        OptionalDouble rssStart = Memory.residentMb();
        for (int i = warm; i < iterations; i++) {
            w.step(w.randomBatch());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        OptionalDouble peakEnd = Memory.peakResidentMb();
        OptionalDouble rssEnd = Memory.residentMb();
        List<BenchRow> rows = new ArrayList<>();
        rows.add(new BenchRow("long_run_iterations", iterations, "iterations"));
        rows.add(new BenchRow("long_run_ms_per_iteration", seconds * 1e3 / iterations, "ms"));
        if (peakStart.isPresent() && peakEnd.isPresent()) {
            rows.add(new BenchRow("peak_rss_mb_start", peakStart.getAsDouble(), "MB"));
            rows.add(new BenchRow("peak_rss_mb_end", peakEnd.getAsDouble(), "MB"));
            rows.add(new BenchRow("rss_mb_start", rssStart.getAsDouble(), "MB"));
            rows.add(new BenchRow("rss_mb_end", rssEnd.getAsDouble(), "MB"));
            progress(log, "long run, %d MLP iterations: peak RSS %.0f MB after %d, %.0f MB at the end", iterations,
                    peakStart.getAsDouble(), warm, peakEnd.getAsDouble());
        } else {
            progress(log, "long run: /proc/self/status is not readable here, memory not measured");
        }
        return rows;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static void progress(PrintWriter log, String format, Object... args) {
        log.println("bench: " + String.format(Locale.ROOT, format, args));
        log.flush();
    }
}
