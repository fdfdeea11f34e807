package io.salr.harness.run;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.Predictions;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.function.IntFunction;

/**
 * Loss and accuracy of a model over a data split in inference mode (BatchNorm with its running
 * statistics, no dropout). The end-of-run sharpness and Hessian measures are engine-neutral and live in
 * {@link io.salr.optimizers.measures.FinalMeasures}.
 */
final class Evaluation {

    /** Loss and accuracy over a data split. */
    record LossAccuracy(double loss, double accuracy) {
    }

    private Evaluation() {
    }

    /**
     * Mean cross-entropy and accuracy of the model's predictions over {@code examples} examples, fetched
     * in chunks by {@code batchOf} (indices from 0). For sequence outputs every time step counts as one
     * prediction. Each chunk is one forward pass counted on {@code meter}.
     */
    static LossAccuracy lossAndAccuracy(TrainableModel model, int examples, IntFunction<Batch> batchOf, int chunk,
            GradientMeter meter) {
        double lossSum = 0;
        long correct = 0;
        long positions = 0;
        for (int start = 0; start < examples; start += chunk) {
            Predictions p = model.predict(batchOf.apply(start), meter);
            lossSum += p.lossSum();
            correct += p.correct();
            positions += p.positions();
        }
        return new LossAccuracy(lossSum / positions, (double) correct / positions);
    }
}
