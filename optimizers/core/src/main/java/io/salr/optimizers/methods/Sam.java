package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.TrainableModel;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** SAM, see {@link SamConfig}. */
final class Sam extends AbstractMethod {

    private final SamConfig config;
    private final UpdateRule rule;

    Sam(SamConfig config) {
        this.config = config;
        this.rule = config.rule().newRule();
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    StepRecord update(StepContext ctx, Batch batch, BatchSupplier fresh) {
        TrainableModel model = ctx.model;
        double rate = config.schedule().valueAt(ctx.iteration);
        LossGradient g = ctx.gradient(batch, rate);
        FlatVector theta = model.params();
        double norm = g.gradient().norm2();
        FlatVector perturbed = norm > 0 ? theta.add(g.gradient().mul(config.rho() / norm)) : theta.dup();
        model.setParams(perturbed);
        LossGradient sharp;
        try {
            sharp = model.lossAndGradient(batch);
        } finally {
            model.setParams(theta);
        }
        ctx.check(sharp, rate);
        FlatVector delta = rule.step(theta, sharp.gradient(), model.trainableMask(), rate);
        // the running statistics take the step of the unperturbed pass, once per iteration
        return ctx.apply(theta, delta, g.statistics(), g.loss(), rate, OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Override
    public void finish(TrainableModel model, Iterable<Batch> trainingData) {
        // The iterate itself is the result.
    }

    @Override
    public MethodState snapshot() {
        return new MethodState(rule.vectors(), rule.numbers(), Map.of(), Optional.empty());
    }

    @Override
    public void restore(MethodState state, FlatVector like) {
        rule.restore(state, like);
    }
}
