package io.salr.harness.cli;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.Budget;
import io.salr.harness.run.ComputeDevice;
import io.salr.harness.run.DataSpec;
import io.salr.harness.run.EvaluationSpec;
import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.harness.run.ModelOptions;
import io.salr.harness.run.InitFrom;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunWeights;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.RunDefaults;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.Trainer;
import io.salr.datasets.real.Datasets;
import io.salr.datasets.real.LoadedDataset;
import io.salr.harness.sweep.SweepSpec;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salr train}: one run of one method on one model and dataset, metered in gradient calls,
 * written to a run folder (spec, provenance, per-epoch and per-iteration CSV, result JSON). Rerunning
 * the same command on the same folder resumes from its checkpoint, or returns the finished result.
 */
@Command(name = "train", header = "Train one network with one method and record its metrics.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one network with one method and record its metrics.",
            "Methods: sgd, adam, sgd-salr, adam-salr, sam, swa, entropy-sgd, entropy-sgd-salr, entropy-adam, entropy-adam-salr.",
            "Models: mlp, lenet, allcnn-c, resnet20, resnet32, char-lstm.",
            "Datasets: fashion-mnist, mnist, cifar10, cifar100, cifar100-coarse, text:PATH."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--method", required = true, description = "Training method: sgd, adam, sgd-salr, adam-salr, sam, adam-sam, swa, adam-swa, entropy-sgd, entropy-sgd-salr, entropy-adam, entropy-adam-salr.")
    String method;

    @Option(names = "--engine", defaultValue = "dl4j", description = "Training engine: dl4j or torch (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--device", defaultValue = "cpu",
            description = "Where the torch engine computes: cpu, cuda or cuda:N (needs SALR_BACKEND=torch-gpu); DL4J's device comes from the build (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--model", required = true, description = "Network architecture.")
    String model;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Mixin
    DataDirOption data;

    @Option(names = "--subset", defaultValue = "0", description = "Training examples to use, 0 = all (default: ${DEFAULT-VALUE}).")
    int subset;

    @Option(names = "--subset-mode", defaultValue = "stratified",
            description = "How the training subset is drawn: first or stratified (seeded; default: ${DEFAULT-VALUE}).")
    String subsetMode;

    @Option(names = "--test-subset", defaultValue = "0", description = "Test examples to evaluate on (the first N), 0 = all (default: ${DEFAULT-VALUE}).")
    int testSubset;

    static final class BudgetOptions {
        @Option(names = "--epochs", description = "Train for this many epochs.")
        Integer epochs;

        @Option(names = "--budget", description = "Train until this many gradient calls are spent (the method's own meter).")
        Long budget;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    BudgetOptions budget;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = RunDefaults.BATCH_SIZE_TEXT, description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--study", defaultValue = "adhoc", description = "Study name recorded with the run (default: ${DEFAULT-VALUE}).")
    String study;

    @Option(names = "--out", description = "Run folder (default: salr-runs/RUN_ID).")
    Path out;

    @Option(names = "--lr", description = "Base learning rate eta_0.")
    Double lr;

    @Option(names = "--momentum", description = "SGD momentum.")
    Double momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay.")
    Double weightDecay;

    @Option(names = "--gamma", description = "SALR: step size of the sharpness probe.")
    Double gamma;

    @Option(names = "--n1", description = "SALR: normalized descent steps.")
    Integer n1;

    @Option(names = "--n2", description = "SALR: normalized ascent steps.")
    Integer n2;

    @Option(names = "--c", description = "SALR: sharpness refresh period in iterations.")
    Integer c;

    @Option(names = "--rho", description = "SAM: perturbation radius.")
    Double rho;

    @Option(names = {"-P", "--param"}, description = "Any method parameter as KEY=VALUE (repeatable), e.g. -P normalization=per-example -P langevin_steps=5.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--dropout", defaultValue = RunDefaults.DROPOUT_TEXT, description = "Drop probability after hidden layers (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batch-norm", description = "BatchNorm after hidden layers.")
    boolean batchNorm;

    @Option(names = "--width", defaultValue = RunDefaults.WIDTH_TEXT, description = "Width multiplier (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--hidden", defaultValue = RunDefaults.HIDDEN_TEXT, description = "Hidden units of mlp and char-lstm (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--eval-examples", defaultValue = RunDefaults.EVAL_EXAMPLES_TEXT,
            description = "Training examples of the fixed subset for the final sharpness and Hessian, 0 = skip both (default: ${DEFAULT-VALUE}).")
    int evalExamples;

    @Option(names = "--hessian-iterations", defaultValue = RunDefaults.HESSIAN_ITERATIONS_TEXT, description = "Cap of each power iteration for the top Hessian eigenvalue (it stops earlier once settled; the result says whether it did), 0 = skip (default: ${DEFAULT-VALUE}).")
    int hessianIterations;

    @Option(names = "--classes", split = ",", paramLabel = "LABEL",
            description = "Train and test on these classes only (e.g. 5,6,7,8,9), relabelled 0..k-1 in the order given; the output layer has k units (default: all classes).")
    java.util.List<Integer> classes = new java.util.ArrayList<>();

    @Option(names = "--init-from", paramLabel = "RUN_DIR",
            description = "Start from the final weights of the finished run in RUN_DIR (it must have been run with --save-weights): every parameter but the output layer's is copied, the output layer is initialized from this run's seed. The source's run id is part of this run's id.")
    Path initFrom;

    @Option(names = "--save-weights",
            description = "Keep the final parameters as weights.bin beside result.json (8 bytes per parameter), so that another run can --init-from this one.")
    boolean saveWeights;

    @Option(names = "--checkpoint-seconds", defaultValue = "60",
            description = "Write a checkpoint at least this often (seconds; also at every epoch end; 0 = after every step) (default: ${DEFAULT-VALUE}).")
    double checkpointSeconds;

    @Override
    public Integer call() {
        io.salr.harness.run.Interruption.install(); // SIGTERM/SIGINT: finish the step, checkpoint, exit
        RunSpec spec = spec();
        // a GPU that is not there is refused before any data is read or anything is written
        spec.engine().checkAvailable(spec.device());
        if (spec.data().dataset().startsWith("text:") && (spec.data().trainSubset() > 0 || spec.data().testSubset() > 0)) {
            // a text corpus's size is known only once it is read: read it before anything is written
            LoadedDataset d = Datasets.load(spec.data().dataset(), data.get());
            SweepSpec.checkLoadedSubsets(spec.data().dataset(), d.train().size(), d.test().size(), spec.data().trainSubset(),
                    spec.data().testSubset(), "subset", "test-subset");
        }
        RunFolder folder = new RunFolder(out != null ? out : Path.of("salr-runs", spec.id()));
        // "run ID -> DIR" only once the run has started (or was already complete): an error before that
        // (missing data, a bad option found while setting up) prints nothing but the error
        Runnable announce = new Runnable() {
            private boolean done;

            @Override
            public void run() {
                if (!done) {
                    done = true;
                    System.out.println("run " + spec.id() + " -> " + folder.dir());
                }
            }
        };
        RunResult result = Trainer.run(spec, folder,
                Trainer.Options.defaults().withDataDir(data.get())
                        .withInitSources(initFrom == null ? java.util.List.of() : java.util.List.of(initFrom)).withCheckpointSeconds(checkpointSeconds).withListener(new Trainer.Listener() {
                    @Override
                    public void iterationEnd(long iteration, double loss, long gradientCalls) {
                        announce.run();
                    }

                    @Override
                    public void epochEnd(int epoch, Map<String, Double> row) {
                        announce.run();
                        System.out.printf(Locale.ROOT, "epoch %d  train loss %.4f acc %.4f  test loss %.4f acc %.4f  grad calls %d%n",
                                epoch, row.get(Metric.TRAIN_LOSS.id()), row.get(Metric.TRAIN_ACCURACY.id()), row.get(Metric.TEST_LOSS.id()),
                                row.get(Metric.TEST_ACCURACY.id()), row.get(Metric.GRAD_CALLS.id()).longValue());
                    }
                }));
        announce.run();
        System.out.println("status " + result.status().label() + result.cause().map(c -> " (" + c + ")").orElse(""));
        System.out.println("metrics " + result.metrics());
        return result.status() == RunStatus.COMPLETED ? 0 : 1;
    }

    RunSpec spec() {
        Map<String, Object> given = new LinkedHashMap<>(params);
        putIfGiven(given, "lr", lr);
        putIfGiven(given, "momentum", momentum);
        putIfGiven(given, "weight_decay", weightDecay);
        putIfGiven(given, "gamma", gamma);
        putIfGiven(given, "n1", n1);
        putIfGiven(given, "n2", n2);
        putIfGiven(given, "c", c);
        putIfGiven(given, "rho", rho);
        MethodSpec resolved = MethodSpec.resolve(Method.parse("method", method), given);
        EngineChoice engineChoice = EngineChoice.parse("engine", engine);
        ComputeDevice computeDevice = ComputeDevice.parse("device", device);
        Budget b = budget == null ? Budget.epochs(1)
                : budget.epochs != null ? Budget.epochs(budget.epochs) : Budget.gradientCalls(budget.budget);
        DataSpec.SubsetMode mode = switch (subsetMode.toLowerCase(Locale.ROOT)) {
            case "first" -> DataSpec.SubsetMode.FIRST;
            case "stratified" -> DataSpec.SubsetMode.STRATIFIED;
            default -> throw new InvalidParameterException("subset-mode", subsetMode, "must be first or stratified");
        };
        SweepSpec.checkSubsets(dataset, subset, testSubset, "subset", "test-subset");
        EvaluationSpec defaults = EvaluationSpec.DEFAULTS;
        RunWeights weights = new RunWeights(initFrom == null ? java.util.Optional.empty()
                : java.util.Optional.of(InitFrom.idOf(initFrom)), saveWeights);
        return new RunSpec(study, new DataSpec(dataset, subset, mode, testSubset).withClasses(classes),
                new ModelOptions(model, dropout, batchNorm, width, hidden), resolved, engineChoice, computeDevice, seed, batchSize, b,
                new EvaluationSpec(evalExamples, defaults.gamma(), defaults.n1(), defaults.n2(), hessianIterations))
                .withWeights(weights);
    }

    private static void putIfGiven(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            if (m.containsKey(key)) {
                throw new InvalidParameterException(key, value, "is given twice (as an option and as -P " + key + "=...)");
            }
            m.put(key, value);
        }
    }
}
