package io.salr.harness.bench;

import io.salr.datasets.real.DataSetInfo;
import io.salr.datasets.real.FileDigest;
import io.salr.datasets.real.ImageShape;
import io.salr.datasets.real.LabeledData;
import io.salr.datasets.real.LoadedDataset;
import io.salr.harness.run.Budget;
import io.salr.harness.run.DataSpec;
import io.salr.harness.run.EngineChoice;
import io.salr.harness.run.EvaluationSpec;
import io.salr.harness.run.ModelOptions;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the harness costs around the steps: an MLP SGD run of {@code iterations} iterations through the real
 * {@link Trainer} (torch engine, batch {@link Bench#BATCH}, run folder, iteration log, checkpoints, outcome
 * monitor, listener) on data of Fashion-MNIST's size (random pixels, held in memory, so no file is read), timed
 * from the end of its first iteration to the end of its last with the epoch-end evaluations taken out, over the
 * same number of the bench's own bare torch MLP steps. The final evaluation is not inside that span.
 */
final class HarnessOverhead {

    /** Training examples of the run: Fashion-MNIST's, so epoch ends (evaluation, checkpoint) come as often. */
    static final int TRAIN = 60_000;

    private HarnessOverhead() {
    }

    /**
     * The rows {@code harness_run_ms_per_iteration} and {@code harness_overhead} (the first over
     * {@code bareStepMs}; target at most 1.15).
     *
     * @param bareStepMs the bench's bare torch MLP SGD step ({@code mlp_step_ms_torch})
     * @param iterations iterations of the run (2,000 in the full bench)
     * @param device the torch engine's device
     */
    static List<BenchRow> measure(double bareStepMs, int iterations, String device) {
        Clock clock = run(iterations, device, TRAIN);
        double msPerIteration = clock.msPerIteration();
        String where = "mlp on " + device;
        return List.of(new BenchRow("harness_run_ms_per_iteration", msPerIteration, "ms (" + where + "; Trainer; "
                        + iterations + " iterations; evaluations excluded)"),
                new BenchRow("harness_overhead", msPerIteration / bareStepMs,
                        "ratio harness_run_ms_per_iteration / mlp_step_ms_torch; target <= 1.15"),
                // the bare step is a median: the median iteration says how much of the overhead is the harness's
                // per-step work and how much is rare events (checkpoints, a collection, another process's load)
                new BenchRow("harness_run_ms_median_iteration", clock.medianMs(), "ms (" + where + "; Trainer; median"
                        + " iteration; no evaluation inside)"));
    }

    /** Runs the Trainer; milliseconds per iteration between the first and the last, evaluations taken out. */
    static double runMsPerIteration(int iterations, String device, int trainExamples) {
        return run(iterations, device, trainExamples).msPerIteration();
    }

    /** Runs the Trainer and returns its clock. */
    static Clock run(int iterations, String device, int trainExamples) {
        if (iterations < 2) {
            throw new IllegalArgumentException("iterations must be >= 2, got " + iterations);
        }
        LoadedDataset data = syntheticFashionMnist(trainExamples, 1000);
        RunSpec spec = new RunSpec("bench", new DataSpec("fashion-mnist", 0, DataSpec.SubsetMode.FIRST, 0),
                ModelOptions.of("mlp"), MethodSpec.defaults(Method.SGD), EngineChoice.TORCH,
                io.salr.harness.run.ComputeDevice.parse("device", device), 1L, Bench.BATCH,
                Budget.gradientCalls(iterations), new EvaluationSpec(Bench.BATCH, 0.01, 1, 1, 1));
        Path dir;
        try {
            dir = Files.createTempDirectory("salr-harness-overhead");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Clock clock = new Clock(iterations);
        try {
            Trainer.Options options = Trainer.Options.defaults().withLoader((name, d) -> data).withListener(clock)
                    .withLog(m -> { });
            RunResult r = Trainer.run(spec, new RunFolder(dir), options);
            if (r.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("the harness-overhead run ended " + r.status().label() + ": "
                        + r.cause().orElse(""));
            }
            return clock;
        } finally {
            deleteTree(dir);
        }
    }

    /** Times iteration ends and the evaluations between the last iteration of an epoch and its end. */
    static final class Clock implements Trainer.Listener {
        private final long[] ends;
        /** Per iteration after the first: whether an evaluation came before it (its interval is not a step's). */
        private final boolean[] afterEvaluation;
        private long evaluationNanos;
        private long lastEnd;
        private int seen;

        Clock(int iterations) {
            this.ends = new long[iterations];
            this.afterEvaluation = new boolean[iterations];
        }

        @Override
        public void iterationEnd(long iteration, double loss, long gradientCalls) {
            lastEnd = System.nanoTime();
            if (seen < ends.length) {
                ends[seen++] = lastEnd;
            }
        }

        @Override
        public void epochEnd(int epoch, Map<String, Double> row) {
            if (seen >= 1 && seen < ends.length) {
                evaluationNanos += System.nanoTime() - lastEnd; // within the timed span: taken out
                afterEvaluation[seen] = true;
            }
        }

        double msPerIteration() {
            if (seen < ends.length) {
                throw new IllegalStateException("the run made " + seen + " of " + ends.length + " iterations");
            }
            return (ends[ends.length - 1] - ends[0] - evaluationNanos) / 1e6 / (ends.length - 1);
        }

        /** The median interval between iteration ends, leaving out those with an evaluation inside. */
        double medianMs() {
            double[] gaps = IntStream.range(1, seen).filter(i -> !afterEvaluation[i])
                    .mapToDouble(i -> (ends[i] - ends[i - 1]) / 1e6).toArray();
            if (gaps.length == 0) {
                throw new IllegalStateException("no iteration interval without an evaluation");
            }
            return Bench.median(gaps);
        }
    }

    /** Random pixels in [0, 1) with labels cycling through 10 classes, Fashion-MNIST's shape. */
    static LoadedDataset syntheticFashionMnist(int train, int test) {
        List<String> classes = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();
        ImageShape shape = new ImageShape(1, 28, 28);
        SplittableRandom random = new SplittableRandom(11);
        LabeledData tr = images("bench-train", train, shape, classes, random);
        LabeledData te = images("bench-test", test, shape, classes, random);
        // no file behind it: the digest names the generator (the SHA-256 of the empty string stands for its content)
        FileDigest none = new FileDigest("random-pixels-seed-11", 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        DataSetInfo info = new DataSetInfo("fashion-mnist", Path.of("(in memory)"), List.of(none), train, test, classes,
                List.of(1, 28, 28));
        return new LoadedDataset(info, tr, te);
    }

    private static LabeledData images(String name, int n, ImageShape shape, List<String> classes, SplittableRandom random) {
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes.size();
        }
        return new LabeledData(name, x, y, shape, classes);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
