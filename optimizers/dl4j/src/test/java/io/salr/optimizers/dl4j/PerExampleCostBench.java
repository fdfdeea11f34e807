package io.salr.optimizers.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.meter.GradientMeter;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What Algorithm 2's direction costs on the DL4J engine, in time: the median wall time of (a) one ordinary
 * {@code lossAndGradient}, (b) {@code perExampleNormalizedGradient} (one pass where exact) and (c) the
 * B one-hot passes it replaces, on the zoo MLP (1x28x28, hidden 256) and LeNet, batch 128, float32, the
 * zoo's default execution mode. The ratios (b)/(a) and (c)/(a) are the costs in calls-equivalent.
 *
 * <p>A measurement, not a unit test: its name keeps it out of the default test run. Run it with
 * {@code mvn -B -q -o -Djavacpp.platform=linux-x86_64 -pl optimizers/dl4j -am test
 * -Dtest=PerExampleCostBench -Dsurefire.failIfNoSpecifiedTests=false}, or its {@link #main}. Its
 * assertions only check that the meter counted the passes each route makes and that one pass is
 * cheaper than B; the times depend on the machine and its load.
 */
@Tag("slow")
class PerExampleCostBench {

    private static final int BATCH = 128;

    private static double seconds(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The three medians and the meter counts of one call of each route, printed as one line. */
    static double[] measure(String name, Supplier<ModelSpec> spec, int reps, int oneHotReps) {
        GradientMeter meter = new GradientMeter();
        Dl4jModel model = Dl4jModel.of(ModelZoo.build(spec.get(), DataType.FLOAT), meter);
        Dl4jBatch batch = PerExampleNormalizedGradientTest.images(7, BATCH, spec.get().inputShape(),
                spec.get().numClasses(), model.featureLayout(), DataType.FLOAT);
        if (model.exactNormsUnavailable(batch) != null) {
            throw new IllegalStateException(name + " does not take the one-pass route: " + model.exactNormsUnavailable(batch));
        }
        Runnable a = () -> model.lossAndGradient(batch);
        Runnable b = () -> model.perExampleNormalizedGradient(batch);
        Runnable c = () -> model.oneHotNormalizedGradient(batch.data());
        for (int i = 0; i < 3; i++) {
            a.run();
            b.run();
        }
        c.run();
        // interleaved, so that a change of the machine's load falls on all three alike
        double[] plainTimes = new double[reps];
        double[] onePassTimes = new double[reps];
        double[] oneHotTimes = new double[oneHotReps];
        int every = Math.max(1, reps / oneHotReps);
        for (int i = 0, k = 0; i < reps; i++) {
            plainTimes[i] = seconds(a);
            onePassTimes[i] = seconds(b);
            if (i % every == 0 && k < oneHotReps) {
                oneHotTimes[k++] = seconds(c);
            }
        }
        double plain = median(plainTimes);
        double onePass = median(onePassTimes);
        double oneHot = median(oneHotTimes);
        double plainMin = Arrays.stream(plainTimes).min().orElseThrow();
        double onePassMin = Arrays.stream(onePassTimes).min().orElseThrow();
        long before = meter.gradientCalls();
        model.perExampleNormalizedGradient(batch);
        long onePassCalls = meter.gradientCalls() - before;
        before = meter.gradientCalls();
        model.oneHotNormalizedGradient(batch.data());
        long oneHotCalls = meter.gradientCalls() - before;
        System.out.println(String.format(Locale.ROOT,
                "%-6s B=%d float32 medians: (a) lossAndGradient %.4f s  (b) perExampleNormalizedGradient %.4f s"
                        + " [%d calls]  (c) one-hot %.3f s [%d calls]  (b)/(a) = %.2f  (c)/(a) = %.1f"
                        + "  (reps %d/%d/%d; fastest (a) %.4f s, (b) %.4f s, ratio %.2f)",
                name, BATCH, plain, onePass, onePassCalls, oneHot, oneHotCalls, onePass / plain, oneHot / plain,
                reps, reps, oneHotReps, plainMin, onePassMin, onePassMin / plainMin));
        return new double[] {plain, onePass, oneHot, onePassCalls, oneHotCalls};
    }

    private static double[][] run(int reps, int oneHotReps) {
        System.out.println(String.format(Locale.ROOT, "per-example normalized direction, cost; %d processors, %s %s;"
                + " load average before: %s", Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), loadAverage()));
        double[][] results = {
            measure("mlp", () -> ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 1), reps, oneHotReps),
            measure("lenet", () -> ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 1), reps, oneHotReps),
        };
        System.out.println("load average after: " + loadAverage());
        return results;
    }

    /** The 1, 5 and 15 minute load averages (Linux), to show whether the machine was shared. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Test
    void onePassCostsOneCallAndLessTimeThanTheOneHotPasses() {
        for (double[] r : run(31, 3)) {
            assertEquals(1, r[3], "one gradient call");
            assertEquals(BATCH, r[4], "B gradient calls");
            assertTrue(r[1] < r[2], "one pass takes less time than B passes");
        }
    }

    /** Runs the measurement outside JUnit; arguments: repetitions of (a) and (b), repetitions of (c). */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 31, args.length > 1 ? Integer.parseInt(args[1]) : 3);
    }
}
