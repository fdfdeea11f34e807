package io.salr.harness.bench;

import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.harness.run.Kernels;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.torch.TorchEngine;
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
     * The networks whose SGD steps the bench times, by their catalogue names (their facts, such as the
     * multiply-adds of a step, come from {@link io.salr.optimizers.engine.Network}); in this order, so that
     * the rows keep theirs.
     */
    public static final List<String> WORKLOADS = List.of("lenet", "mlp");

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
     * @param torchDevice where the torch engine's rows are measured: {@code cpu}, {@code cuda} or {@code cuda:N}
     */
    public record Settings(int warmup, int lenetRepeats, int mlpRepeats, String methodModel, int methodWindows,
            int windowIterations, int gemmSize, int longRunIterations, boolean plainBaseline, int sweepSteps,
            Optional<String> python, String torchDevice) {

        public Settings {
            Checks.atLeast("warmup", warmup, 1);
            Checks.atLeast("lenetRepeats", lenetRepeats, 1);
            Checks.atLeast("mlpRepeats", mlpRepeats, 1);
            if (!WORKLOADS.contains(methodModel)) {
                throw new IllegalArgumentException("methods model must be one of " + WORKLOADS + ", got " + methodModel);
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
            Checks.present("torchDevice", torchDevice);
        }

        /** The full bench: the figures of docs/performance.md (a few minutes on 2 cores). */
        public static Settings full(Optional<String> python) {
            return new Settings(5, 20, 200, "lenet", 5, 4, 1024, 10_000, true, 300, python, "cpu");
        }

        /** A quick pass (seconds; for tests): few repeats, methods on the MLP, no sweep-throughput run. */
        public static Settings quick(Optional<String> python) {
            return new Settings(2, 3, 20, "mlp", 2, 2, 256, 200, true, 0, python, "cpu");
        }

        /** Timed repeats of a step of one of the bench's {@link #WORKLOADS}. */
        public int repeats(String workload) {
            int at = WORKLOADS.indexOf(workload);
            if (at < 0) {
                throw new IllegalArgumentException("the bench times " + WORKLOADS + ", not " + workload);
            }
            return at == 0 ? lenetRepeats : mlpRepeats;
        }

        /** The same settings with another long-run length. */
        public Settings withLongRunIterations(int n) {
            return new Settings(warmup, lenetRepeats, mlpRepeats, methodModel, methodWindows, windowIterations, gemmSize,
                    n, plainBaseline, sweepSteps, python, torchDevice);
        }

        /** The same settings with another number of steps per sweep worker (0 skips the sweep run). */
        public Settings withSweepSteps(int n) {
            return new Settings(warmup, lenetRepeats, mlpRepeats, methodModel, methodWindows, windowIterations, gemmSize,
                    longRunIterations, plainBaseline, n, python, torchDevice);
        }

        /** The same settings with the torch engine on another device. */
        public Settings withTorchDevice(String device) {
            return new Settings(warmup, lenetRepeats, mlpRepeats, methodModel, methodWindows, windowIterations, gemmSize,
                    longRunIterations, plainBaseline, sweepSteps, python, device);
        }
    }

    private Bench() {
    }

    /** The two engines the bench times, and the suffix of their rows ({@code _torch}; DL4J's rows keep their names). */
    enum BenchEngine {
        DL4J(""),
        TORCH("_torch");

        final String suffix;

        BenchEngine(String suffix) {
            this.suffix = suffix;
        }
    }

    /** Runs every measurement; progress goes to {@code log}. */
    public static List<BenchRow> run(Settings s, PrintWriter log) {
        return run(s, log, new java.util.LinkedHashMap<>());
    }

    /**
     * Runs every measurement; progress goes to {@code log}, and what the PyTorch peer said about itself
     * (its torch, configuration and BLAS) and whether its ratios were reported go into {@code peerRecord}
     * (for bench-provenance.json).
     */
    public static List<BenchRow> run(Settings s, PrintWriter log, Map<String, Object> peerRecord) {
        List<BenchRow> rows = new ArrayList<>();
        double gflops = gemmGflops(s.gemmSize(), s.warmup(), 10);
        rows.add(new BenchRow("gemm_gflops", gflops, "GFLOP/s"));
        progress(log, "sgemm %d^3: %.1f GFLOP/s", s.gemmSize(), gflops);

        for (String model : WORKLOADS) {
            int repeats = s.repeats(model);
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

        // The torch engine: its own sgemm rate on its device (its roofline), then the same SGD steps
        TorchEngine torch = new TorchEngine(s.torchDevice());
        String where = s.torchDevice();
        double torchGflops = torch.sgemmGflops(s.gemmSize(), s.warmup(), 10);
        rows.add(new BenchRow("gemm_gflops_torch", torchGflops, "GFLOP/s (" + where + ")"));
        progress(log, "torch engine on %s, sgemm: %.1f GFLOP/s", where, torchGflops);
        for (String model : WORKLOADS) {
            int repeats = s.repeats(model);
            Workload w = new Workload(torch, model, "sgd", BATCH, 1_000_000);
            double ms = medianStepMs(w, s.warmup(), repeats);
            rows.add(new BenchRow(model + "_step_ms_torch", ms, "ms (" + where + ")"));
            rows.add(new BenchRow(model + "_roofline_ms_torch", w.stepFlops() / (torchGflops * 1e9) * 1e3, "ms (" + where + ")"));
            progress(log, "%s step (SGD, torch engine on %s): %.2f ms; roofline %.2f ms", model, where, ms,
                    w.stepFlops() / (torchGflops * 1e6));
        }
        Map<String, String> torchSettings = torch.describe();
        int torchThreads = Integer.parseInt(torchSettings.get("torch_threads"));

        Optional<TorchPeer.Result> peerResult = Optional.empty();
        if (s.python().isPresent()) {
            // the peer gets the torch engine's thread count, so the two are compared at equal threads
            TorchPeer.Result peer = TorchPeer.run(s.python().get(), BATCH, s.warmup(), s.lenetRepeats(), s.mlpRepeats(),
                    torchThreads);
            rows.addAll(peer.rows());
            peerResult = Optional.of(peer);
            progress(log, "%s", peer.message());
            Optional<String> unfair = peer.unfairBecause();
            peerRecord.putAll(peerRecord(s.python().get(), peer));
            if (!peer.rows().isEmpty() && unfair.isPresent()) {
                progress(log, "PyTorch peer ratios withheld (its rows are kept): %s", unfair.get());
            }
        } else {
            progress(log, "PyTorch peer skipped (--python none)");
            peerRecord.put("ratios", "not computed: --python none");
        }

        for (BenchEngine engine : BenchEngine.values()) {
            for (Map.Entry<String, MethodSpec> variant : methodVariants().entrySet()) {
                String method = variant.getKey();
                Engine e = engine == BenchEngine.DL4J ? new io.salr.optimizers.dl4j.Dl4jEngine(Execution.FAST) : torch;
                MethodTiming t = timeMethod(e, variant.getValue(), s);
                String unit = engine == BenchEngine.DL4J ? s.methodModel() : s.methodModel() + " on " + where;
                rows.add(new BenchRow("step_ms_" + method + engine.suffix, t.msPerIteration(), "ms (" + unit + ")"));
                rows.add(new BenchRow("gradcalls_" + method + engine.suffix, t.callsPerIteration(), "calls/iteration"));
                progress(log, "%-18s %-5s %.2f ms/iteration, %.2f gradient calls/iteration", method,
                        engine.name().toLowerCase(Locale.ROOT), t.msPerIteration(), t.callsPerIteration());
            }
        }
        // Algorithm 2's direction in SGD-step equivalents, on the methods' model, per engine
        for (BenchEngine engine : BenchEngine.values()) {
            Engine e = engine == BenchEngine.DL4J ? new io.salr.optimizers.dl4j.Dl4jEngine(Execution.FAST) : torch;
            String engineSuffix = engine == BenchEngine.DL4J ? "_dl4j" : engine.suffix;
            int repeats = s.repeats(s.methodModel());
            BenchRow cost = PerExampleDirectionCost.measure(e, engineSuffix, s.methodModel(), s.warmup(), repeats);
            rows.add(cost);
            progress(log, "%s = %.2f %s", cost.name(), cost.value(), cost.unit());
        }
        boolean peerRan = peerResult.isPresent() && !peerResult.get().rows().isEmpty();
        List<BenchRow> ratios = ratios(rows, peerComparable(peerResult, where));
        rows.addAll(ratios);
        for (BenchRow r : ratios) {
            if (r.name().endsWith("overhead") || r.name().endsWith("overhead_torch") || r.name().contains("_vs_")) {
                progress(log, "%s = %.3f", r.name(), r.value());
            }
        }
        if (peerRan && !where.equals("cpu")) {
            progress(log, "torch engine vs PyTorch peer not compared: the engine ran on %s, the peer on the CPU", where);
        }

        rows.addAll(longRun(s.longRunIterations(), log));
        double bareTorchMlp = rows.stream().filter(r -> r.name().equals("mlp_step_ms_torch")).findFirst().orElseThrow().value();
        List<BenchRow> harness = HarnessOverhead.measure(bareTorchMlp, s.sweepSteps() > 0 ? 2000 : 200, where);
        rows.addAll(harness);
        progress(log, "harness overhead (MLP SGD through the Trainer, torch engine): %.2f ms per iteration (median %.2f), %.3f x"
                + " the bare step", harness.get(0).value(), harness.get(2).value(), harness.get(1).value());
        if (s.sweepSteps() > 0) {
            int cores = Runtime.getRuntime().availableProcessors();
            List<BenchRow> sweep = SweepThroughput.measure(cores, s.warmup() * 4, s.sweepSteps());
            rows.addAll(sweep);
            rows.add(SweepThroughput.workerVsBare(sweep, "mlp_step_ms_dl4j",
                    rows.stream().filter(r -> r.name().equals("mlp_step_ms_dl4j")).findFirst().orElseThrow().value(), false));
            progress(log, "sweep throughput, %d MLP workers: %.2fx with 1 thread each, %.2fx with %d threads each",
                    cores, sweep.get(4).value(), sweep.get(5).value(), cores);
            List<BenchRow> sweepTorch = SweepThroughput.measure("torch", cores, s.warmup() * 4, s.sweepSteps());
            rows.addAll(sweepTorch);
            BenchRow torchVsBare = SweepThroughput.workerVsBare(sweepTorch, "mlp_step_ms_torch", bareTorchMlp, true);
            rows.add(torchVsBare);
            progress(log, "sweep throughput on the torch engine, %d MLP workers: %.2fx with 1 thread each; a lone worker's"
                    + " step %.2f x the bare step", cores, sweepTorch.get(3).value(), torchVsBare.value());
        }
        if (s.sweepSteps() > 0) { // the full bench: what the kernel pin costs, in two fresh JVMs
            List<BenchRow> pin = KernelPinCost.measure(s.warmup(), s.mlpRepeats(), s.lenetRepeats(), s.gemmSize());
            rows.addAll(pin);
            progress(log, "kernel pin (pinned / native step time): MLP %.2fx, LeNet %.2fx; sgemm %.0f / %.0f GFLOP/s",
                    pin.get(6).value(), pin.get(7).value(), pin.get(0).value(), pin.get(1).value());
        }
        rows.add(new BenchRow("kernels", Kernels.ofThisProcess() == Kernels.PINNED ? 1 : 0, "1 = pinned (this JVM)"));
        rows.add(new BenchRow("nd4j_threads", Nd4j.getEnvironment().maxThreads(), "threads"));
        rows.add(new BenchRow("torch_threads", torchThreads, "threads (intra-op; inter-op "
                + torchSettings.get("torch_interop_threads") + ")"));
        rows.add(new BenchRow("openblas_threads", Integer.parseInt(torchSettings.get("openblas_threads")), "threads"));
        rows.add(new BenchRow("javacpp_max_physical_mb", org.bytedeco.javacpp.Pointer.maxPhysicalBytes() / 1048576.0, "MB"));
        return rows;
    }

    /**
     * Whether ratios against the PyTorch peer are reported: it ran, its torch runs on an optimized BLAS
     * ({@link TorchPeer.Result#unfairBecause()}), and the torch engine ran where the peer does, on the CPU.
     */
    static boolean peerComparable(Optional<TorchPeer.Result> peer, String torchDevice) {
        return peer.isPresent() && peer.get().unfairBecause().isEmpty() && torchDevice.equals("cpu");
    }

    /**
     * What bench-provenance.json records about the peer: the interpreter, the verdict on its BLAS, whether
     * its ratios were reported (and why not), and the peer's own description.
     */
    static Map<String, Object> peerRecord(String python, TorchPeer.Result peer) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("python", python);
        m.put("ran", !peer.rows().isEmpty());
        m.put("message", peer.message());
        m.put("blas", peer.blas().name().toLowerCase(Locale.ROOT));
        m.put("ratios", peer.unfairBecause().map(why -> "withheld: " + why).orElse("reported"));
        m.put("description", peer.description());
        return m;
    }

    /**
     * A figure derived from two others: {@code name = numerator / denominator}.
     *
     * @param name the derived row
     * @param numerator the row divided
     * @param denominator the row it is divided by
     * @param target the target for this ratio (at most), or NaN where there is none
     */
    record Ratio(String name, String numerator, String denominator, double target) {
    }

    /**
     * The ratio rows, in the order they are derived (later ones may divide earlier ones): per engine, SALR's time
     * and gradient calls against SGD's and their quotient, the overhead beyond the extra gradient calls (issue 13:
     * at most 1.05); both engines' LeNet against their own roofline (target 3x for the torch engine); and, where
     * the peer ran on the same device, both engines' steps against PyTorch's (target 1.1x for the torch engine).
     */
    static List<Ratio> ratioDefinitions(boolean withPeer) {
        List<Ratio> out = new ArrayList<>();
        for (BenchEngine e : BenchEngine.values()) {
            String x = e.suffix;
            for (String variant : List.of("sgd-salr", "sgd-salr-batch")) {
                String prefix = variant.equals("sgd-salr") ? "salr" : "salr_batch";
                // issue 19's targets, on the torch engine: per-example 6.5 SGD steps per iteration, batch 5.3
                double timeTarget = e != BenchEngine.TORCH ? Double.NaN : variant.equals("sgd-salr") ? 6.5 : 5.3;
                out.add(new Ratio(prefix + "_time_ratio" + x, "step_ms_" + variant + x, "step_ms_sgd" + x, timeTarget));
                out.add(new Ratio(prefix + "_gradcall_ratio" + x, "gradcalls_" + variant + x, "gradcalls_sgd" + x, Double.NaN));
                out.add(new Ratio(prefix + "_overhead" + x, prefix + "_time_ratio" + x, prefix + "_gradcall_ratio" + x, 1.05));
            }
        }
        out.add(new Ratio("lenet_dl4j_vs_roofline", "lenet_step_ms_dl4j", "lenet_roofline_ms", Double.NaN));
        out.add(new Ratio("lenet_torch_vs_roofline", "lenet_step_ms_torch", "lenet_roofline_ms_torch", 3.0));
        out.add(new Ratio("lenet_torch_vs_dl4j", "lenet_step_ms_torch", "lenet_step_ms_dl4j", Double.NaN));
        out.add(new Ratio("mlp_torch_vs_dl4j", "mlp_step_ms_torch", "mlp_step_ms_dl4j", Double.NaN));
        if (withPeer) {
            out.add(new Ratio("lenet_torch_vs_pytorch", "lenet_step_ms_torch", "lenet_step_ms_pytorch", 1.1));
            out.add(new Ratio("mlp_torch_vs_pytorch", "mlp_step_ms_torch", "mlp_step_ms_pytorch", 1.1));
            out.add(new Ratio("lenet_dl4j_vs_pytorch", "lenet_step_ms_dl4j", "lenet_step_ms_pytorch", Double.NaN));
            out.add(new Ratio("mlp_dl4j_vs_pytorch", "mlp_step_ms_dl4j", "mlp_step_ms_pytorch", Double.NaN));
        }
        return out;
    }

    /**
     * The ratio rows of {@link #ratioDefinitions} computed from {@code rows}; a ratio whose rows are missing is
     * left out. The unit says what was divided by what, and the target where the issue sets one.
     */
    static List<BenchRow> ratios(List<BenchRow> rows, boolean withPeer) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        rows.forEach(r -> values.put(r.name(), r.value()));
        List<BenchRow> out = new ArrayList<>();
        for (Ratio r : ratioDefinitions(withPeer)) {
            Double num = values.get(r.numerator());
            Double den = values.get(r.denominator());
            if (num == null || den == null || den == 0) {
                continue;
            }
            String unit = "ratio " + r.numerator() + " / " + r.denominator()
                    + (Double.isNaN(r.target()) ? "" : String.format(Locale.ROOT, "; target <= %s", BenchOutput.number(r.target())));
            BenchRow row = new BenchRow(r.name(), num / den, unit);
            values.put(r.name(), row.value());
            out.add(row);
        }
        return out;
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

    static MethodTiming timeMethod(Engine engine, MethodSpec method, Settings s) {
        int k = s.windowIterations();
        long planned = (long) (s.methodWindows() + 1) * k;
        Workload w = new Workload(engine, s.methodModel(), method, BATCH, planned);
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
