package io.salr.harness.run;

import io.salr.analysis.metric.Metric;
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

    /**
     * Options that change how a run is executed but not its numbers.
     *
     * @param dataDir where the data lives, when not at its default place
     * @param checkpointSeconds write a checkpoint at least this often (also at every epoch end)
     * @param listener progress callbacks
     * @param log where notices go (a corrupt checkpoint passed over, a fallback)
     * @param loader reads a data set ({@link Datasets#load} by default; a worker JVM that runs many runs keeps
     *     what it read, {@link DataLoader#caching})
     * @param initSources where the source run of a spec's {@code init_from} is looked for (a run folder, a folder
     *     of run folders, or a store; see {@link InitFrom#locate}); where a run's folder lies is not part of the run
     */
    public record Options(Optional<Path> dataDir, double checkpointSeconds, Listener listener,
            java.util.function.Consumer<String> log, DataLoader loader, List<Path> initSources) {
        public Options {
            Checks.present("dataDir", dataDir);
            Checks.nonNegative("checkpoint-seconds", checkpointSeconds);
            Checks.present("listener", listener);
            Checks.present("log", log);
            Checks.present("loader", loader);
            initSources = List.copyOf(initSources);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), 60, Listener.NONE, m -> System.err.println("salr: " + m), DataLoader.READ,
                    List.of());
        }

        public Options withDataDir(Optional<Path> dir) {
            return new Options(dir, checkpointSeconds, listener, log, loader, initSources);
        }

        public Options withListener(Listener l) {
            return new Options(dataDir, checkpointSeconds, l, log, loader, initSources);
        }

        public Options withCheckpointSeconds(double seconds) {
            return new Options(dataDir, seconds, listener, log, loader, initSources);
        }

        public Options withLog(java.util.function.Consumer<String> l) {
            return new Options(dataDir, checkpointSeconds, listener, l, loader, initSources);
        }

        public Options withLoader(DataLoader l) {
            return new Options(dataDir, checkpointSeconds, listener, log, l, initSources);
        }

        public Options withInitSources(List<Path> sources) {
            return new Options(dataDir, checkpointSeconds, listener, log, loader, sources);
        }
    }

    /** Reads a data set by name (see {@link Datasets#load}). */
    @FunctionalInterface
    public interface DataLoader {
        /** Reads the files every time. */
        DataLoader READ = Datasets::load;

        LoadedDataset load(String dataset, Optional<Path> dataDir);

        /**
         * A loader that reads (and checksums) each data set once and hands out the same immutable
         * {@link LoadedDataset} afterwards: for a worker JVM that runs many runs. Thread-safe.
         */
        static DataLoader caching(DataLoader reader) {
            Map<String, LoadedDataset> cache = new java.util.concurrent.ConcurrentHashMap<>();
            return (dataset, dir) -> cache.computeIfAbsent(dataset + "\u0000" + dir.map(Path::toString).orElse(""),
                    k -> reader.load(dataset, dir));
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
    static final List<String> EPOCH_COLUMNS = List.of("epoch", "iteration", Metric.TRAIN_LOSS.id(), Metric.TRAIN_ACCURACY.id(),
            Metric.TEST_LOSS.id(), Metric.TEST_ACCURACY.id(), Metric.GRAD_CALLS.id(), Metric.FORWARD_CALLS.id(),
            Metric.WALL_SECONDS.id());
    /**
     * Columns of iterations.csv; sharpness and probe_step_length (the mean Euclidean length of the probe's
     * steps, so gamma can be compared between normalizations) are empty where S-hat was not measured.
     */
    static final List<String> ITERATION_COLUMNS = List.of("iteration", "epoch", "loss", "learning_rate", "sharpness",
            "probe_step_length", Metric.GRAD_CALLS.id());

    static final int EVAL_CHUNK = 1000;

    private Trainer() {
    }

    /**
     * Runs (or resumes, or returns the finished result of) {@code spec} in {@code folder}. A folder whose
     * result is an infrastructure failure (disk full, a killed worker) is resumed from its last good
     * checkpoint; the old result is kept beside as {@code result.failed-N.json}.
     *
     * @throws Interruption.StopRequested when SIGTERM or SIGINT stopped the run after its checkpoint
     */
    public static RunResult run(RunSpec spec, RunFolder folder, Options options) {
        if (folder.isComplete()) {
            RunResult done = RunResult.fromMap(RunFolder.readJson(folder.result()));
            if (!done.resumable()) {
                return done;
            }
            setAside(folder);
        }
        Setup s = setup(spec, options);
        folder.claim(spec);
        return new TrainingSession(spec, folder, options, s).run();
    }

    /** Moves the result of an infrastructure failure aside so that the run can resume. */
    private static void setAside(RunFolder folder) {
        try {
            for (int n = 1; ; n++) {
                Path aside = folder.dir().resolve("result.failed-" + n + ".json");
                if (!Files.exists(aside)) {
                    Files.move(folder.result(), aside);
                    return;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot set aside " + folder.result() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a run is made of before its first step: data, network, method, and the engine's description
     * (library versions, device, threads) for the provenance.
     */
    record Setup(LoadedDataset data, ExampleSet train, ExampleSet test, GradientMeter meter, TrainableModel model,
            MethodConfig methodConfig, long iterationsPerEpoch, long plannedIterations, long finishCost,
            Map<String, String> engine, Optional<InitFrom.Source> initSource) {
    }

    static Setup setup(RunSpec spec, Options options) {
        // the source run first: a missing or unfit source is refused before the data is read
        Optional<InitFrom.Source> source = spec.weights().initFrom().map(id -> InitFrom.read(id, options.initSources(), spec));
        LoadedDataset data = options.loader().load(spec.data().dataset(), options.dataDir());
        ExampleSet train = data.train();
        ExampleSet allTest = data.test();
        if (!spec.data().classes().isEmpty()) {
            if (!(train instanceof LabeledData ltrain) || !(allTest instanceof LabeledData ltest)) {
                throw new InvalidParameterException("data.classes", spec.data().classes(),
                        "needs a labelled image data set; " + spec.data().dataset() + " is not one");
            }
            train = ltrain.classSubset(spec.data().classArray());
            allTest = ltest.classSubset(spec.data().classArray());
            if (spec.data().trainSubset() > train.size()) {
                throw new InvalidParameterException("data.train_subset", spec.data().trainSubset(), "exceeds the "
                        + train.size() + " training examples of classes " + spec.data().classes() + " (0 = all of them)");
            }
        }
        if (spec.data().trainSubset() > 0 && spec.data().trainSubset() < train.size()) {
            int n = spec.data().trainSubset();
            train = spec.data().subsetMode() == DataSpec.SubsetMode.STRATIFIED && train instanceof LabeledData ld
                    ? Subsets.stratified(ld, n, RandomStreams.named(spec.seed(), "data-subset"))
                    : Subsets.firstN(train, n);
        }
        ExampleSet test = allTest;
        if (spec.data().validates()) {
            // a tuning run: train on the rest of the training data, evaluate on the held-out part (never the test set)
            if (train instanceof io.salr.datasets.real.CharSequenceData text) { // a text: its end, by position
                var split = io.salr.datasets.real.PositionalHoldOut.of(text, spec.data().validationExamples());
                return finishSetup(spec, options, data, split.train(), split.validation(), source);
            }
            if (!(train instanceof LabeledData ld) || spec.data().validationExamples() >= train.size()) {
                throw new InvalidParameterException("data.validation.examples", spec.data().validationExamples(),
                        "must be smaller than the " + train.size() + " training examples of an image data set");
            }
            Subsets.TrainValidation split = Subsets.stratifiedHoldOut(ld, spec.data().validationExamples(),
                    spec.data().validationSeed());
            train = split.train();
            test = split.validation();
        } else if (spec.data().testSubset() > 0 && spec.data().testSubset() < test.size()) {
            test = Subsets.firstN(test, spec.data().testSubset());
        }
        return finishSetup(spec, options, data, train, test, source);
    }

    private static Setup finishSetup(RunSpec spec, Options options, LoadedDataset data, ExampleSet train, ExampleSet test,
            Optional<InitFrom.Source> source) {
        int[] shape = data.info().exampleShape().stream().mapToInt(Integer::intValue).toArray();
        ModelSpec modelSpec = spec.model().toSpec(shape, train.numClasses(),
                RandomStreams.named(spec.seed(), "init").nextLong());
        long ipe = (train.size() + spec.batchSize() - 1) / spec.batchSize();
        GradientMeter meter = new GradientMeter();
        Engine engine = spec.engine().create(spec.device());
        TrainableModel model = engine.build(modelSpec, meter); // a CUDA device that is not there is refused here
        // a fine-tuning run: the source's weights up to the output layer, the output layer from this run's seed
        Optional<InitFrom.Source> applied = source.map(src -> InitFrom.apply(src, model));
        // SWA ends with a BatchNorm pass over the training data, one gradient call per batch
        long finishCost = spec.method().method().family() == Method.Family.SWA && model.hasRunningStatistics() ? ipe : 0;
        long planned;
        if (spec.budget().inEpochs()) {
            planned = spec.budget().epochs() * ipe;
        } else if (spec.budget().inIterations()) {
            planned = spec.budget().iterations();
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
        Map<String, String> described = engine.describe();
        String torchThreads = described.get("torch_threads");
        if (torchThreads != null && !torchThreads.equals(Integer.toString(spec.threads()))) {
            // a worker JVM is started with the spec's threads; a run in another JVM computes with that JVM's
            options.log().accept("run " + spec.id() + " asks for " + spec.threads() + " intra-op thread(s) but LibTorch in"
                    + " this JVM computes with " + torchThreads + ": its numbers may differ from a sweep worker's");
        }
        return new Setup(data, train, test, meter, model, config, ipe, planned, finishCost, described, applied);
    }

    /** One CSV row: integers without a decimal point, NaN as an empty cell, infinities as inf / -inf. */
    static String csvRow(double[] row) {
        StringBuilder sb = new StringBuilder();
        appendCsvRow(sb, row);
        return sb.toString();
    }

    /** Appends {@link #csvRow}'s text to {@code sb}. */
    static void appendCsvRow(StringBuilder sb, double[] row) {
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
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    sb.append((long) v);
                } else {
                    sb.append(v);
                }
            }
        }
        sb.append('\n');
    }
}
