package io.salr.harness.bench;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.TrainableModel;
import java.util.Locale;

/**
 * What one Algorithm 2 direction costs in SGD steps on one engine: the median time of
 * {@link TrainableModel#perExampleNormalizedGradient} over the median time of one SGD step, on the same
 * model and the same batch, the two timed alternately in one loop so that they share the machine's state
 * (issue 19's target: at most 1.4 step-equivalents).
 */
final class PerExampleDirectionCost {

    /** The target for the ratio, in SGD-step equivalents. */
    static final double TARGET = 1.4;

    private PerExampleDirectionCost() {
    }

    /**
     * The row {@code per_example_direction_pass_equiv<suffix>} measured on {@code model} ({@code mlp} or
     * {@code lenet}) after {@code warmup} untimed rounds, over {@code repeats} timed rounds.
     */
    static BenchRow measure(Engine engine, String suffix, String model, int warmup, int repeats) {
        Workload sgd = new Workload(engine, model, "sgd", Bench.BATCH, 1_000_000);
        TrainableModel net = sgd.model();
        Batch batch = sgd.randomBatch();
        double[] stepMs = new double[repeats];
        double[] directionMs = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            sgd.step(batch);
            long t1 = System.nanoTime();
            net.perExampleNormalizedGradient(batch);
            long t2 = System.nanoTime();
            if (i >= 0) {
                stepMs[i] = (t1 - t0) / 1e6;
                directionMs[i] = (t2 - t1) / 1e6;
            }
        }
        double ratio = Bench.median(directionMs) / Bench.median(stepMs);
        String unit = String.format(Locale.ROOT,
                "SGD steps (%s; per-example direction %s ms / SGD step %s ms; %d gradient call(s) metered; target <= %s)",
                model, BenchOutput.number(Bench.median(directionMs)), BenchOutput.number(Bench.median(stepMs)),
                net.perExampleDirectionCalls(Bench.BATCH), BenchOutput.number(TARGET));
        return new BenchRow("per_example_direction_pass_equiv" + suffix, ratio, unit);
    }
}
