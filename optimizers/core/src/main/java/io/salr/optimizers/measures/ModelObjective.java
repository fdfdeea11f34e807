package io.salr.optimizers.measures;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;

/**
 * A model's mean training-mode loss on one fixed batch as a function of its flat parameters: the f of
 * Definition 1 and of the Hessian measures at the end of a run. Each call moves the model to the point;
 * callers restore the parameters afterwards.
 */
public final class ModelObjective implements DifferentiableFunction {

    private final TrainableModel model;
    private final Batch batch;

    public ModelObjective(TrainableModel model, Batch batch) {
        this.model = Checks.present("model", model);
        this.batch = Checks.present("batch", batch);
    }

    @Override
    public int dimension() {
        return Math.toIntExact(model.numParams());
    }

    @Override
    public double value(FlatVector theta) {
        model.setParams(theta);
        return model.loss(batch);
    }

    @Override
    public FlatVector gradient(FlatVector theta) {
        model.setParams(theta);
        return model.lossAndGradient(batch).gradient();
    }
}
