package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.TrainableModel;

/**
 * The skeleton every method's step runs in: a {@link StepContext} is opened, the method's own update
 * runs, and a divergence - a NaN or infinite loss, gradient, sharpness or parameter, found by the
 * context or thrown as an {@link ArithmeticException} by a probe - becomes a diverged step record
 * instead of an exception. Subclasses write only {@link #update}.
 */
abstract class AbstractMethod implements TrainingMethod {

    @Override
    public final StepRecord step(TrainableModel model, Batch batch, BatchSupplier fresh, long iteration) {
        StepContext ctx = new StepContext(model, iteration);
        try {
            return update(ctx, batch, fresh);
        } catch (StepContext.Divergence d) {
            return StepRecord.diverged(iteration, d.loss, d.rate, ctx.cost(), d.getMessage());
        } catch (ArithmeticException e) {
            return StepRecord.diverged(iteration, Double.NaN, Double.NaN, ctx.cost(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The method's update at iteration {@code ctx.iteration}, ending in {@link StepContext#apply}. */
    abstract StepRecord update(StepContext ctx, Batch batch, BatchSupplier fresh);
}
