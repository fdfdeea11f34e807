package io.salr.harness.run;

import io.salr.analysis.io.AtomicFiles;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.datasets.real.Datasets;
import io.salr.datasets.real.ExampleSet;
import io.salr.datasets.real.FileDigest;
import io.salr.datasets.real.LabeledData;
import io.salr.datasets.real.LoadedDataset;
import io.salr.datasets.real.Subsets;
import io.salr.harness.provenance.Provenance;
import io.salr.harness.provenance.ProvenanceCollector;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.measures.FinalMeasures;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.TrainingMethod;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * Runs one {@link RunSpec}: loads the data, builds the network and the method, trains until the
 * budget is spent, and writes the run folder (Section VI: every method metered in gradient calls).
 *
 * <p>Reproducibility: the run seed splits into named streams ({@code init}, {@code data-subset},
 * {@code data-order}, {@code fresh-batches}, {@code method} - which itself splits into the probe and
 * Langevin streams -, {@code dropout}, {@code final-measures}); the engine's dropout masks are reseeded
 * from the run seed and the iteration before every step. A checkpoint holds
 * everything that changes during training, so a resumed run continues bit for bit (on CPU).
 *
 * <p>A NaN or infinite loss or parameter ends the run as {@code diverged}, recording the iteration and
 * the cause; an exception during training ends it as {@code failed}, recording the cause. Neither is
 * thrown past the run. Errors in the setup (data not found, bad options) are thrown before anything
 * is written, except the claim on the folder.
 */
public final class Trainer {

    /** Options that change how a run is executed but not its numbers. */
    public record Options(Optional<Path> dataDir, double checkpointSeconds, Listener listener) {
        public Options {
            Checks.present("dataDir", dataDir);
            Checks.nonNegative("checkpoint-seconds", checkpointSeconds);
            Checks.present("listener", listener);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), 60, Listener.NONE);
        }

        public Options withDataDir(Optional<Path> dir) {
            return new Options(dir, checkpointSeconds, listener);
        }

        public Options withListener(Listener l) {
            return new Options(dataDir, checkpointSeconds, l);
        }

        public Options withCheckpointSeconds(double seconds) {
            return new Options(dataDir, seconds, listener);
        }
    }

    /** Receives progress; called on the training thread. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void epochEnd(int epoch, Map<String, Double> row) {
        }

        default void iterationEnd(long iteration, double loss, long gradientCalls) {
        }
    }

    /** Columns of epochs.csv. */
    static final List<String> EPOCH_COLUMNS = List.of("epoch", "iteration", "train_loss", "train_accuracy",
            "test_loss", "test_accuracy", "grad_calls", "forward_calls", "wall_seconds");
    /**
     * Columns of iterations.csv; sharpness and probe_step_length (the mean Euclidean length of the probe's
     * steps, so gamma can be compared between normalizations) are empty where S-hat was not measured.
     */
    static final List<String> ITERATION_COLUMNS = List.of("iteration", "epoch", "loss", "learning_rate", "sharpness",
            "probe_step_length", "grad_calls");

    private static final int EVAL_CHUNK = 1000;

    private Trainer() {
    }

    /** Runs (or resumes, or returns the finished result of) {@code spec} in {@code folder}. */
    public static RunResult run(RunSpec spec, RunFolder folder, Options options) {
        if (folder.isComplete()) {
            return RunResult.fromMap(RunFolder.readJson(folder.result()));
        }
        Setup s = setup(spec, options);
        folder.claim(spec);
        return new Session(spec, folder, options, s).run();
    }

    /** What a run is made of before its first step: data, network, method. */
    record Setup(LoadedDataset data, ExampleSet train, ExampleSet test, GradientMeter meter, TrainableModel model,
            MethodConfig methodConfig, long iterationsPerEpoch, long plannedIterations, long finishCost) {
    }

    static Setup setup(RunSpec spec, Options options) {
        LoadedDataset data = Datasets.load(spec.data().dataset(), options.dataDir());
        ExampleSet train = data.train();
        if (spec.data().trainSubset() > 0 && spec.data().trainSubset() < train.size()) {
            int n = spec.data().trainSubset();
            train = spec.data().subsetMode() == DataSpec.SubsetMode.STRATIFIED && train instanceof LabeledData ld
                    ? Subsets.stratified(ld, n, RandomStreams.named(spec.seed(), "data-subset"))
                    : Subsets.firstN(train, n);
        }
        ExampleSet test = data.test();
        if (spec.data().testSubset() > 0 && spec.data().testSubset() < test.size()) {
            test = Subsets.firstN(test, spec.data().testSubset());
        }
        int[] shape = data.info().exampleShape().stream().mapToInt(Integer::intValue).toArray();
        ModelSpec modelSpec = spec.model().toSpec(shape, train.numClasses(),
                RandomStreams.named(spec.seed(), "init").nextLong());
        long ipe = (train.size() + spec.batchSize() - 1) / spec.batchSize();
        GradientMeter meter = new GradientMeter();
        Engine engine = spec.engine().create();
        TrainableModel model = engine.build(modelSpec, meter);
        // SWA ends with a BatchNorm pass over the training data, one gradient call per batch
        long finishCost = spec.method().method().family() == Method.Family.SWA && model.hasRunningStatistics() ? ipe : 0;
        long planned;
        if (spec.budget().inEpochs()) {
            planned = spec.budget().epochs() * ipe;
        } else {
            long trainingCalls = spec.budget().gradientCalls() - finishCost;
            if (trainingCalls <= 0) {
                throw new InvalidParameterException("budget", spec.budget().gradientCalls(), "must exceed the "
                        + finishCost + " gradient calls of SWA's BatchNorm pass over the training data");
            }
            planned = (long) Math.ceil(trainingCalls
                    / spec.method().gradientCallsPerIteration(model.perExampleDirectionCalls(spec.batchSize())));
        }
        MethodConfig config = spec.method().bind(ipe, planned);
        return new Setup(data, train, test, meter, model, config, ipe, planned, finishCost);
    }

    /** One execution of a run, from a fresh start or a checkpoint. */
    private static final class Session {
        private final RunSpec spec;
        private final RunFolder folder;
        private final Options options;
        private final Setup s;
        private final GradientMeter meter;
        private final GradientMeter evaluationMeter = new GradientMeter();
        private final TrainableModel net;
        private final TrainingMethod method;
        private final RestorableUniformRandomProvider dataOrder;
        private final RestorableUniformRandomProvider fresh;
        private final List<double[]> epochRows = new ArrayList<>();
        private final List<double[]> iterationRows = new ArrayList<>();
        private final long dropoutSeed;
        private long iteration;
        private int epoch;
        private int batchInEpoch;
        private int[] permutation;
        private double wallBefore;
        private long sessionStart;
        private Provenance provenance;

        Session(RunSpec spec, RunFolder folder, Options options, Setup s) {
            this.spec = spec;
            this.folder = folder;
            this.options = options;
            this.s = s;
            this.meter = s.meter();
            this.net = s.model();
            this.method = s.methodConfig().create(RandomStreams.named(spec.seed(), "method").nextLong());
            this.dataOrder = RandomStreams.named(spec.seed(), "data-order");
            this.fresh = RandomStreams.named(spec.seed(), "fresh-batches");
            this.dropoutSeed = RandomStreams.named(spec.seed(), "dropout").nextLong();
        }

        RunResult run() {
            sessionStart = System.nanoTime();
            if (Files.exists(folder.checkpoint())) {
                restore(Checkpoint.read(folder.checkpoint()));
            } else {
                permutation = shuffled();
            }
            Map<String, String> checksums = new LinkedHashMap<>();
            for (FileDigest d : s.data().info().files()) {
                checksums.put(d.fileName(), d.sha256());
            }
            provenance = Files.exists(folder.provenance()) ? null
                    : ProvenanceCollector.collect(ProvenanceCollector.codeDirectory()).withData(checksums);
            if (provenance != null) {
                RunFolder.writeJson(folder.provenance(), provenance);
            }
            String status = "completed";
            String cause = null;
            long lastCheckpoint = System.nanoTime();
            try {
                while (!budgetSpent()) {
                    int from = batchInEpoch * spec.batchSize();
                    int to = Math.min(from + spec.batchSize(), permutation.length);
                    Batch batch = batch(s.train(), Arrays.copyOfRange(permutation, from, to));
                    net.seedStochasticLayers(dropoutSeed ^ (iteration * 0x9E3779B97F4A7C15L));
                    StepRecord r = method.step(net, batch, this::freshBatch, iteration);
                    iterationRows.add(new double[] {iteration, epoch, r.loss(), r.learningRate(),
                        r.sharpness().orElse(Double.NaN), r.probeStepLength().orElse(Double.NaN), meter.gradientCalls()});
                    options.listener().iterationEnd(iteration, r.loss(), meter.gradientCalls());
                    if (r.diverged()) {
                        status = "diverged";
                        cause = "iteration " + iteration + ": " + r.divergence().get();
                        break;
                    }
                    iteration++;
                    batchInEpoch++;
                    if (to == permutation.length) {
                        endEpoch();
                        checkpoint();
                        lastCheckpoint = System.nanoTime();
                    } else if ((System.nanoTime() - lastCheckpoint) / 1e9 >= options.checkpointSeconds()) {
                        checkpoint();
                        lastCheckpoint = System.nanoTime();
                    }
                }
                if (status.equals("completed")) {
                    if (batchInEpoch > 0) {
                        endEpoch(); // a gradient-call budget can end inside an epoch
                    }
                    method.finish(net, trainingBatches());
                    if (!net.params().allFinite()) {
                        status = "diverged";
                        cause = "after training: non-finite parameters";
                    }
                }
            } catch (RuntimeException e) {
                status = "failed";
                cause = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            return finish(status, cause);
        }

        /**
         * Whether the budget is spent. A gradient-call budget also pays for what {@code finish} will
         * spend: SWA's BatchNorm pass over the training data (one call per batch) on a network with
         * BatchNorm, so that SWA stops training early enough for the whole run to fit the budget.
         */
        private boolean budgetSpent() {
            if (spec.budget().inEpochs()) {
                return epoch >= spec.budget().epochs();
            }
            return meter.gradientCalls() + s.finishCost() >= spec.budget().gradientCalls();
        }

        private int[] shuffled() {
            int[] p = new int[s.train().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            for (int i = p.length - 1; i > 0; i--) { // Fisher-Yates from the data-order stream
                int j = dataOrder.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }

        private Batch batch(ExampleSet set, int[] indices) {
            return net.batch(set.batch(indices));
        }

        private Batch freshBatch() {
            int[] idx = new int[Math.min(spec.batchSize(), s.train().size())];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = fresh.nextInt(s.train().size());
            }
            return batch(s.train(), idx);
        }

        /** The training data in order, in batches made one at a time (SWA's BatchNorm pass). */
        private Iterable<Batch> trainingBatches() {
            int n = s.train().size();
            return () -> new java.util.Iterator<>() {
                private int from;

                @Override
                public boolean hasNext() {
                    return from < n;
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Batch b = batch(s.train(), range(from, Math.min(n, from + spec.batchSize())));
                    from += spec.batchSize();
                    return b;
                }
            };
        }

        private static int[] range(int from, int to) {
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            return idx;
        }

        private Evaluation.LossAccuracy evaluate(ExampleSet set) {
            return Evaluation.lossAndAccuracy(net, set.size(),
                    start -> batch(set, range(start, Math.min(set.size(), start + EVAL_CHUNK))), EVAL_CHUNK, evaluationMeter);
        }

        private void endEpoch() {
            Evaluation.LossAccuracy train = evaluate(s.train());
            Evaluation.LossAccuracy test = evaluate(s.test());
            double[] row = {epoch + 1, iteration, train.loss(), train.accuracy(), test.loss(), test.accuracy(),
                meter.gradientCalls(), meter.forwardCalls(), wallSeconds()};
            epochRows.add(row);
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                named.put(EPOCH_COLUMNS.get(i), row[i]);
            }
            options.listener().epochEnd(epoch + 1, named);
            epoch++;
            batchInEpoch = 0;
            permutation = shuffled();
        }

        private double wallSeconds() {
            return wallBefore + (System.nanoTime() - sessionStart) / 1e9;
        }

        private void checkpoint() {
            FlatVector p = net.params();
            new Checkpoint(spec.id(), iteration, epoch, batchInEpoch, permutation,
                    Map.of("data-order", RandomStreams.save(dataOrder), "fresh-batches", RandomStreams.save(fresh)),
                    p.toDoubleArray(), false, method.snapshot(),
                    meter.reading(), evaluationMeter.reading(), epochRows, iterationRows, wallSeconds())
                    .write(folder.checkpoint());
            writeMetrics();
        }

        private void restore(Checkpoint c) {
            if (!c.runId().equals(spec.id())) {
                throw new IllegalStateException("checkpoint " + folder.checkpoint() + " belongs to run " + c.runId());
            }
            iteration = c.iteration();
            epoch = c.epoch();
            batchInEpoch = c.batchInEpoch();
            permutation = c.permutation();
            RandomStreams.restore(dataOrder, c.streams().get("data-order"));
            RandomStreams.restore(fresh, c.streams().get("fresh-batches"));
            FlatVector like = net.zeros();
            net.setParams(like.like(c.params()));
            method.restore(c.method(), like);
            meter.restore(c.meter());
            evaluationMeter.restore(c.evaluationMeter());
            epochRows.addAll(c.epochRows());
            iterationRows.addAll(c.iterationRows());
            wallBefore = c.wallSeconds();
        }

        private void writeMetrics() {
            AtomicFiles.writeString(folder.epochs(), csv(EPOCH_COLUMNS, epochRows));
            AtomicFiles.writeString(folder.iterations(), csv(ITERATION_COLUMNS, iterationRows));
        }

        private RunResult finish(String status, String cause) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            if (!status.equals("completed")) {
                metrics.put("diverged", status.equals("diverged") ? 1 : 0);
            } else {
                Evaluation.LossAccuracy train = evaluate(s.train());
                Evaluation.LossAccuracy test = evaluate(s.test());
                metrics.put("test_accuracy", test.accuracy());
                metrics.put("test_loss", test.loss());
                metrics.put("train_accuracy", train.accuracy());
                metrics.put("train_loss", train.loss());
                finalMeasures(metrics);
                metrics.put("diverged", 0);
            }
            MeterReading spent = meter.reading();
            metrics.put("grad_calls", spent.gradientCalls());
            metrics.put("forward_calls", spent.forwardCalls());
            metrics.put("iterations", iteration);
            metrics.put("epochs", epoch);
            metrics.put("wall_seconds", wallSeconds());
            writeMetrics();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", spec.id());
            result.put("status", status);
            if (cause != null) {
                result.put("cause", cause);
            }
            result.put("method", s.methodConfig().describe());
            result.put("budget", spec.budget().describe());
            result.put("spent", spent.describe());
            result.put("evaluation_passes", evaluationMeter.reading().describe());
            result.put("metrics", metrics);
            Provenance p = provenance != null ? provenance : null;
            if (p != null) {
                RunFolder.writeJson(folder.provenance(), p.finished(Instant.now().toString()));
            } else {
                Map<String, Object> stored = RunFolder.readJson(folder.provenance());
                stored.put("finishedAt", Instant.now().toString());
                RunFolder.writeJson(folder.provenance(), stored);
            }
            RunResult typed = RunResult.fromMap(result);
            RunFolder.writeJson(folder.result(), typed.toMap());
            try {
                Files.deleteIfExists(folder.checkpoint());
            } catch (java.io.IOException ignored) {
                // the result is written; a stale checkpoint is ignored by a complete folder
            }
            return typed;
        }

        private void finalMeasures(Map<String, Object> metrics) {
            EvaluationSpec e = spec.evaluation();
            if (e.sharpnessExamples() == 0 && e.hessianIterations() == 0) {
                return;
            }
            int n = Math.min(s.train().size(), Math.max(1, e.sharpnessExamples()));
            GradientMeter m = new GradientMeter();
            TrainableModel copy = net.measurementCopy(m);
            Batch fixed = copy.batch(s.train().batch(range(0, n)));
            RestorableUniformRandomProvider rng = RandomStreams.named(spec.seed(), "final-measures");
            if (e.sharpnessExamples() > 0) {
                metrics.put("final_sharpness", FinalMeasures.sharpness(copy, fixed, new SharpnessConfig(e.gamma(), e.n1(), e.n2()), rng));
            }
            if (e.hessianIterations() > 0) {
                FinalMeasures.HessianEigenvalues h = FinalMeasures.hessianEigenvalues(copy, fixed, e.hessianIterations(), rng);
                metrics.put("hessian_max_eigenvalue", h.max());
                metrics.put("hessian_top_abs_eigenvalue", Math.abs(h.dominant()));
            }
        }
    }

    static String csv(List<String> columns, List<double[]> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                double v = row[i];
                if (Double.isNaN(v)) {
                    continue; // empty cell: not measured (or the NaN loss of a diverged step)
                }
                if (Double.isInfinite(v)) {
                    sb.append(v > 0 ? "inf" : "-inf");
                } else {
                    sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
