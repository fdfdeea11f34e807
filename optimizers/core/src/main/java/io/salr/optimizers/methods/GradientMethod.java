package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;

/**
 * SGD, Adam, SGD-SALR (Algorithm 3) and Adam-SALR (Algorithm 4): at a SALR refresh iteration S-hat_k is
 * estimated at theta_k first (parameters restored exactly), then eta_k is set and the gradient at
 * theta_k on B_k drives the rule - the same pass that started both probe chains when the probe walks on
 * B_k ({@link StepPass}). The BatchNorm running statistics take the step of that pass once per iteration.
 */
final class GradientMethod extends AbstractMethod {

    private final GradientMethodConfig config;
    private final UpdateRule rule;
    private final RateSource rates;

    GradientMethod(GradientMethodConfig config, long seed) {
        this.config = config;
        this.rule = config.rule().newRule();
        this.rates = new RateSource(config.rate(), seed);
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    StepRecord update(StepContext ctx, Batch batch, BatchSupplier fresh) {
        StepPass pass = new StepPass(ctx, batch);
        RateSource.Rate rate = rates.rate(ctx.model, pass, fresh, ctx.iteration);
        LossGradient g = pass.lossGradient(rate.value());
        // theta is only read (by the rule), before the parameters change: a view of them will do
        FlatVector theta = ctx.model.parameterView();
        FlatVector delta = rule.step(theta, g.gradient(), ctx.model.trainableMask(), rate.value());
        return ctx.applyToCurrent(delta, g.statistics(), g.loss(), rate.value(), rate.sharpness(), rate.probeStepLength());
    }

    @Override
    public void finish(io.salr.optimizers.engine.TrainableModel model, Iterable<Batch> trainingData) {
        // The iterate itself is the result; nothing to average or recompute.
    }

    @Override
    public MethodState snapshot() {
        return new MethodState(rule.vectors(), rule.numbers(), rates.streams(), rates.salrSnapshot());
    }

    @Override
    public void restore(MethodState state, FlatVector like) {
        rule.restore(state, like);
        rates.restore(state);
    }
}
