package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.datasets.real.Datasets;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.RunStatus;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The wall time of a plan from this machine's bench figures ({@code bench.csv} of {@code salr bench}), for
 * {@code salr plan}: per run, its training iterations times the measured time of its method's iteration, plus
 * its evaluations, summed over the runs and divided over the workers.
 *
 * <p>The figures used, per run (engine suffix {@code _torch} for the torch engine, none for DL4J):
 * <ul>
 *   <li>{@code step_ms_METHOD} and {@code gradcalls_METHOD}: the time and gradient calls of one iteration of the
 *       method (its defaults) on the bench's methods model (named in the row's unit); their quotient is the time
 *       of one of that method's gradient calls, which times the run's expected gradient calls gives its training
 *       time (so a budget-matched run, or a grid value that changes the calls per iteration, is priced by what
 *       it spends);</li>
 *   <li>{@code MODEL_step_ms_dl4j} / {@code MODEL_step_ms_torch}: an SGD step of each model; a run of another
 *       model than the methods model is scaled by the quotient of the two models' SGD steps;</li>
 *   <li>evaluation: at every epoch end a forward pass over the training examples (the first
 *       {@code evaluation.epoch_train_examples} of them when set) and the test examples, and at the end of
 *       the run a pass over all of them plus the final measures ((n1 + n2) probe steps and two passes per Hessian
 *       iteration on the sharpness examples); a forward pass over one batch is counted as a third of an SGD
 *       step (forward, backward and update of the same batch), the one figure here that is a rule of thumb
 *       rather than a measurement;</li>
 *   <li>batch sizes other than the bench's 128 scale linearly.</li>
 * </ul>
 * A run whose engine, method or model has no row is not guessed: it is listed as missing and left out of the
 * total, which then says how many runs it lacks.
 *
 * <p>The bench prices a plain network's step at the bench's thread count; a study's workers may run other
 * variants (BatchNorm, dropout) at other thread counts beside each other. {@link Measured} prices a run from
 * the finished runs of a store instead (their wall time per metered gradient call, evaluation included), for
 * every configuration the store has run: the way to size the rest of a study, or a study like one already run.
 */
public final class PlanEstimate {

    /** The batch size of the bench's rows. */
    static final int BENCH_BATCH = 128;

    /** A forward pass over a batch, in SGD steps of that batch (forward + backward + update ~ 3 forwards). */
    static final double FORWARD_PER_STEP = 1.0 / 3;

    /** One bench row. */
    public record Row(String name, double value, String unit) {
    }

    /** The rows of one bench.csv. */
    public record Figures(Path file, Map<String, Row> rows) {

        /** Reads {@code name,value,unit} rows. */
        public static Figures read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new InvalidParameterException("bench", file, "cannot be read (" + e.getMessage() + ")");
            }
            if (lines.isEmpty() || !lines.get(0).trim().equals("name,value,unit")) {
                throw new InvalidParameterException("bench", file, "is not a bench.csv (its header must be name,value,unit)");
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                if (cells.length < 2) {
                    throw new InvalidParameterException("bench", file, "has a row without a value: " + line);
                }
                double v;
                try {
                    v = Double.parseDouble(cells[1]);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException("bench", file, "has a row whose value is not a number: " + line);
                }
                rows.put(cells[0], new Row(cells[0], v, cells.length > 2 ? unquote(cells[2]) : ""));
            }
            return new Figures(file, rows);
        }

        Optional<Row> row(String name) {
            Row r = rows.get(name);
            return r == null || !Double.isFinite(r.value()) || r.value() <= 0 ? Optional.empty() : Optional.of(r);
        }

        private static String unquote(String s) {
            String t = s.trim();
            return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t;
        }
    }

    /**
     * The estimate of a set of runs.
     *
     * @param seconds estimated wall seconds of the runs that could be priced, with the given workers
     * @param runs runs priced
     * @param missing runs that could not be priced
     * @param missingRows the rows that were missing, with why they were needed
     * @param usedRows the rows that were used
     */
    public record Estimate(double seconds, int runs, int missing, Set<String> missingRows, Set<String> usedRows,
            int measured) {

        public Estimate(double seconds, int runs, int missing, Set<String> missingRows, Set<String> usedRows) {
            this(seconds, runs, missing, missingRows, usedRows, 0);
        }
    }

    /**
     * Wall seconds per metered gradient call of the completed runs of a store (and of its tuning stage), per
     * configuration: engine, device, network (with its options), method, dataset, batch size and threads. A
     * call's share of the epoch-end evaluations is included; the final measures (sharpness, Hessian) of a
     * planned run are added from the bench when there is one.
     *
     * @param store the store read
     * @param secondsPerCall per configuration, the sorted seconds per call of its runs
     * @param runs completed runs read
     */
    public record Measured(Path store, Map<String, double[]> secondsPerCall, int runs) {

        /** Reads {@code STORE/runs/*} and {@code STORE/tuning/runs/*}: each completed run's spec.json and result.json. */
        public static Measured read(Path store) {
            if (!Files.isDirectory(store.resolve("runs")) && !Files.isDirectory(store.resolve("tuning/runs"))) {
                throw new InvalidParameterException("calibrate", store, "is not a results store (it has no runs folder)");
            }
            Map<String, List<Double>> perKey = new LinkedHashMap<>();
            int runs = 0;
            for (Path root : List.of(store, store.resolve("pretrain"), store.resolve("tuning"))) {
                Path dir = root.resolve("runs");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> folders;
                try (Stream<Path> s = Files.list(dir)) {
                    folders = s.filter(Files::isDirectory).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
                }
                for (Path f : folders) {
                    Path spec = f.resolve("spec.json");
                    Path result = f.resolve("result.json");
                    if (!Files.isRegularFile(spec) || !Files.isRegularFile(result)) {
                        continue;
                    }
                    RunResult r;
                    RunSpec s;
                    try {
                        s = RunFolder.readSpec(spec);
                        r = RunResult.fromMap(RunFolder.readJson(result));
                    } catch (RuntimeException e) {
                        throw new InvalidParameterException("calibrate", f, "holds a run that cannot be read (" + e.getMessage() + ")");
                    }
                    if (r.status() != RunStatus.COMPLETED) {
                        continue; // a diverged or failed run stopped early or never ran: its pace says nothing
                    }
                    Optional<Double> wall = r.metric(Metric.WALL_SECONDS);
                    Optional<Double> calls = r.metric(Metric.GRAD_CALLS);
                    if (wall.isEmpty() || calls.isEmpty() || !(wall.get() > 0) || !(calls.get() > 0)) {
                        continue;
                    }
                    perKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(wall.get() / calls.get());
                    runs++;
                }
            }
            Map<String, double[]> sorted = new LinkedHashMap<>();
            perKey.forEach((k, v) -> {
                double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(a);
                sorted.put(k, a);
            });
            return new Measured(store, sorted, runs);
        }

        /** What decides the cost of a call: everything but the seed, the study and the method's values. */
        static String key(RunSpec s) {
            return String.join("|", s.engine().label(), String.valueOf(s.device()), s.model().toString(), s.methodName(),
                    s.data().dataset(), Integer.toString(s.batchSize()), Integer.toString(s.threads()));
        }

        /** The median seconds per call of the runs of {@code spec}'s configuration, if the store has any. */
        Optional<Double> secondsPerCall(RunSpec spec) {
            double[] a = secondsPerCall.get(key(spec));
            if (a == null || a.length == 0) {
                return Optional.empty();
            }
            int n = a.length;
            return Optional.of(n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2);
        }
    }

    private PlanEstimate() {
    }

    /**
     * The newest {@code out/bench* /bench.csv} under {@code dir} (by modification time), if any: the rule for
     * {@code salr plan} without {@code --bench}.
     */
    public static Optional<Path> newestBench(Path dir) {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("bench"))
                    .map(d -> d.resolve("bench.csv")).filter(Files::isRegularFile)
                    .max((a, b) -> Long.compare(modified(a), modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Estimates {@code runs} with {@code workers} workers from {@code figures}. */
    public static Estimate estimate(List<SweepPlan.PlannedRun> runs, Figures figures, int workers) {
        return estimate(runs, Optional.of(figures), Optional.empty(), workers);
    }

    /**
     * Estimates {@code runs} with {@code workers} workers: a run whose configuration {@code measured} has run is
     * priced from those runs' wall time per call (plus its final measures from {@code figures}, when given), the
     * others from {@code figures}; a run neither can price is missing.
     */
    public static Estimate estimate(List<SweepPlan.PlannedRun> runs, Optional<Figures> figures, Optional<Measured> measured,
            int workers) {
        if (workers < 1) {
            throw new InvalidParameterException("workers", workers, "must be >= 1");
        }
        double seconds = 0;
        int priced = 0;
        int missing = 0;
        int fromStore = 0;
        Set<String> missingRows = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        for (SweepPlan.PlannedRun r : runs) {
            Optional<Double> perCall = measured.flatMap(m -> m.secondsPerCall(r.spec()));
            Optional<Double> s;
            if (perCall.isPresent()) {
                double finals = figures.flatMap(f -> finalMeasuresSeconds(r.spec(), f)).orElse(0.0);
                s = Optional.of(r.expectedCalls() * perCall.get() + finals);
                fromStore++;
            } else if (figures.isPresent()) {
                s = runSeconds(r, figures.get(), missingRows, used);
            } else {
                missingRows.add("a completed run of " + r.spec().methodName() + " on " + measured.map(m -> m.store().toString()).orElse("?")
                        + " with the same network, data, batch and threads (or a bench file)");
                s = Optional.empty();
            }
            if (s.isPresent()) {
                seconds += s.get();
                priced++;
            } else {
                missing++;
            }
        }
        return new Estimate(seconds / Math.min(workers, Math.max(1, priced)), priced, missing, missingRows, used, fromStore);
    }

    /** The final measures of a run (sharpness probes and Hessian iterations) at the bench's SGD step, if it has the row. */
    static Optional<Double> finalMeasuresSeconds(RunSpec spec, Figures f) {
        String engineStep = switch (spec.engine()) {
            case DL4J -> "_step_ms_dl4j";
            case TORCH -> "_step_ms_torch";
        };
        return f.row(spec.model().architecture() + engineStep).map(step -> {
            int n = spec.evaluation().sharpnessExamples();
            return (spec.evaluation().n1() + spec.evaluation().n2() + 2.0 * spec.evaluation().hessianIterations())
                    * n * step.value() / BENCH_BATCH / 1e3;
        });
    }

    /** The seconds of one run, or empty (adding what is missing to {@code missingRows}). */
    static Optional<Double> runSeconds(SweepPlan.PlannedRun r, Figures f, Set<String> missingRows, Set<String> used) {
        RunSpec spec = r.spec();
        String suffix = switch (spec.engine()) {
            case DL4J -> "";
            case TORCH -> "_torch";
        };
        String engineStep = switch (spec.engine()) {
            case DL4J -> "_step_ms_dl4j";
            case TORCH -> "_step_ms_torch";
        };
        String method = spec.methodName();
        if (spec.method().method() == io.salr.optimizers.spec.Method.SGD_SALR && spec.method().salr()
                .map(s -> s.normalization() == io.salr.optimizers.methods.StochasticSharpnessConfig.Normalization.BATCH)
                .orElse(false)) {
            method = "sgd-salr-batch";
        }
        String stepName = "step_ms_" + method + suffix;
        String callsName = "gradcalls_" + method + suffix;
        Optional<Row> step = f.row(stepName);
        Optional<Row> calls = f.row(callsName);
        String model = spec.model().architecture();
        Optional<String> methodsModel = step.flatMap(s -> modelOfUnit(s.unit()));
        Optional<Row> modelStep = f.row(model + engineStep);
        Optional<Row> methodsModelStep = methodsModel.flatMap(m -> f.row(m + engineStep));
        boolean ok = true;
        if (step.isEmpty() || calls.isEmpty()) {
            missingRows.add(stepName + " / " + callsName + " (" + spec.methodName() + " on " + spec.engine().label() + ")");
            ok = false;
        } else if (methodsModel.isEmpty()) {
            missingRows.add(stepName + " names no model in its unit (" + step.get().unit() + ")");
            ok = false;
        }
        if (modelStep.isEmpty()) {
            missingRows.add(model + engineStep + " (an SGD step of " + model + ")");
            ok = false;
        }
        if (ok && methodsModelStep.isEmpty()) {
            missingRows.add(methodsModel.get() + engineStep + " (an SGD step of the methods model)");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        used.add(stepName);
        used.add(callsName);
        used.add(model + engineStep);
        used.add(methodsModel.get() + engineStep);
        double batchScale = spec.batchSize() / (double) BENCH_BATCH;
        double modelScale = modelStep.get().value() / methodsModelStep.get().value();
        double msPerCall = step.get().value() / calls.get().value() * modelScale * batchScale;
        double training = r.expectedCalls() * msPerCall;

        double sgdStepPerExample = modelStep.get().value() / BENCH_BATCH;
        int classes = spec.data().classes().size();
        long trainExamples = examples(spec.data().trainSubset(), Datasets.trainSize(spec.data().dataset(), classes));
        long testExamples = spec.data().validates() ? spec.data().validationExamples()
                : examples(spec.data().testSubset(), Datasets.testSize(spec.data().dataset(), classes));
        long ipe = Math.max(1, (trainExamples + spec.batchSize() - 1) / spec.batchSize());
        long epochEnds = Math.max(1, (r.iterations() + ipe - 1) / ipe);
        long curveExamples = spec.evaluation().curveExamples(trainExamples);
        double evaluation = (epochEnds * (curveExamples + testExamples) + trainExamples + testExamples)
                * sgdStepPerExample * FORWARD_PER_STEP;
        int n = spec.evaluation().sharpnessExamples();
        double finalMeasures = (spec.evaluation().n1() + spec.evaluation().n2() + 2.0 * spec.evaluation().hessianIterations())
                * n * sgdStepPerExample;
        return Optional.of((training + evaluation + finalMeasures) / 1e3);
    }

    private static long examples(int subset, java.util.OptionalInt full) {
        if (subset > 0) {
            return full.isPresent() ? Math.min(subset, full.getAsInt()) : subset;
        }
        return full.isPresent() ? full.getAsInt() : 0;
    }

    /** {@code "ms (lenet on cpu)"} and {@code "ms (mlp)"} name their model. */
    static Optional<String> modelOfUnit(String unit) {
        int open = unit.indexOf('(');
        if (open < 0) {
            return Optional.empty();
        }
        String inner = unit.substring(open + 1).replace(")", "").trim();
        String first = inner.split("\\s+")[0].toLowerCase(Locale.ROOT);
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }
}
