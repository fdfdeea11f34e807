package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.StatisticsUpdate;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.MeterReading;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The parts of one training step that every method shares, so that no method can drift from the others:
 * the meter reading at the start, the gradient check, and the application of the step. A NaN or infinite
 * loss, gradient or parameter ends the step with a {@link Divergence}, which {@link AbstractMethod}
 * turns into a diverged {@link StepRecord}; the parameters then stay where they were.
 */
final class StepContext {

    /** Ends a step whose values became NaN or infinite; carries what the step record reports. */
    static final class Divergence extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double loss;
        final double rate;

        Divergence(double loss, double rate, String cause) {
            super(cause, null, false, false);
            this.loss = loss;
            this.rate = rate;
        }
    }

    final TrainableModel model;
    final long iteration;
    final MeterReading start;

    StepContext(TrainableModel model, long iteration) {
        this.model = model;
        this.iteration = iteration;
        this.start = model.meter().reading();
    }

    /** One forward+backward pass on {@code batch}; a non-finite loss or gradient ends the step. */
    LossGradient gradient(Batch batch, double rate) {
        return check(model.lossAndGradient(batch), rate);
    }

    /** Ends the step if {@code g} is not finite. */
    LossGradient check(LossGradient g, double rate) {
        if (!g.isFinite()) {
            throw new Divergence(g.loss(), rate, Double.isFinite(g.loss())
                    ? "gradient has a NaN or infinite entry" : "loss is " + g.loss());
        }
        return g;
    }

    /** What the step has spent so far. */
    MeterReading cost() {
        return model.meter().reading().since(start);
    }

    /**
     * Sets {@code theta - delta} as the new parameters and applies the running-statistics update of
     * the step's pass, unless the new parameters have a NaN or infinite entry, in which case the step
     * ends as diverged and the parameters stay at theta.
     */
    StepRecord apply(FlatVector theta, FlatVector delta, StatisticsUpdate statistics, double loss, double rate,
            OptionalDouble sharpness, OptionalDouble probeStepLength) {
        FlatVector next = theta.sub(delta);
        MeterReading cost = cost();
        if (!next.allFinite()) {
            throw new Divergence(loss, rate, "parameters became NaN or infinite");
        }
        model.setParams(next);
        model.applyStatistics(statistics);
        return new StepRecord(iteration, loss, rate, sharpness, probeStepLength, cost, Optional.empty());
    }

    /**
     * {@link #apply} from the model's current parameters: the same arithmetic (theta - delta, then the
     * same check), done by the engine in place where it can ({@link TrainableModel#applyUpdate}).
     */
    StepRecord applyToCurrent(FlatVector delta, StatisticsUpdate statistics, double loss, double rate,
            OptionalDouble sharpness, OptionalDouble probeStepLength) {
        MeterReading cost = cost();
        if (!model.applyUpdate(delta)) {
            throw new Divergence(loss, rate, "parameters became NaN or infinite");
        }
        model.applyStatistics(statistics);
        return new StepRecord(iteration, loss, rate, sharpness, probeStepLength, cost, Optional.empty());
    }
}
