package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.Vectors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/** Entropy-SGD and its variants, see {@link EntropySgdConfig}. */
final class EntropySgd extends AbstractMethod {

    static final String LANGEVIN_STREAM = "langevin-noise";

    private final EntropySgdConfig config;
    private final UpdateRule rule;
    private final RateSource rates;
    private final RestorableUniformRandomProvider noiseStream;

    EntropySgd(EntropySgdConfig config, long seed) {
        this.config = config;
        this.rule = config.outerRule().newRule();
        this.rates = new RateSource(config.outerRate(), seed);
        this.noiseStream = RandomStreams.named(seed, LANGEVIN_STREAM);
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    StepRecord update(StepContext ctx, Batch batch, BatchSupplier fresh) {
        TrainableModel model = ctx.model;
        StepPass pass = new StepPass(ctx, batch);
        RateSource.Rate rate = rates.rate(model, pass, fresh, ctx.iteration);
        double gamma = config.scopeAt(ctx.iteration);
        FlatVector x = model.params();
        FlatVector mask = model.trainableMask();
        FlatVector xPrime = x.dup();
        FlatVector mu = x.dup();
        LossGradient first = null;
        FlatVector velocity = null; // the Langevin momentum buffer, from zero at every outer update
        try {
            for (int l = 0; l < config.loop().langevinSteps(); l++) {
                LossGradient g;
                if (l == 0) {
                    g = pass.lossGradient(rate.value()); // at x' = x on B_k: the step's own pass
                    first = g;
                } else {
                    model.setParams(xPrime);
                    g = ctx.gradient(fresh.next(), rate.value());
                }
                FlatVector grad = g.gradient();
                if (config.loop().langevinMomentum() > 0) {
                    // Nesterov, dampening 0: v = m v + g; g = g + m v
                    velocity = velocity == null ? grad.dup() : velocity.muli(config.loop().langevinMomentum()).addi(grad);
                    grad = grad.add(velocity.mul(config.loop().langevinMomentum()));
                }
                // dx' = g - gamma (x - x')
                FlatVector dx = grad.sub(x.sub(xPrime).muli(gamma));
                xPrime.subi(dx.muli(config.loop().langevinLr()));
                if (config.loop().noise() > 0) {
                    xPrime.addi(Vectors.gaussian(noiseStream, mask)
                            .muli(Math.sqrt(config.loop().langevinLr()) * config.loop().noise()));
                }
                // mu = alpha mu + (1 - alpha) x'
                mu.muli(config.loop().alpha()).addi(xPrime.mul(1 - config.loop().alpha()));
            }
        } finally {
            model.setParams(x);
        }
        FlatVector outerGradient = x.sub(mu).muli(mask);
        FlatVector delta = rule.step(x, outerGradient, mask, rate.value());
        return ctx.apply(x, delta, first.statistics(), first.loss(), rate.value(), rate.sharpness(),
                rate.probeStepLength());
    }

    @Override
    public void finish(TrainableModel model, Iterable<Batch> trainingData) {
        // The outer iterate itself is the result.
    }

    @Override
    public MethodState snapshot() {
        Map<String, byte[]> streams = new LinkedHashMap<>(rates.streams());
        streams.put(LANGEVIN_STREAM, RandomStreams.save(noiseStream));
        return new MethodState(rule.vectors(), rule.numbers(), streams, rates.salrSnapshot());
    }

    @Override
    public void restore(MethodState state, FlatVector like) {
        rule.restore(state, like);
        rates.restore(state);
        RandomStreams.restore(noiseStream, state.stream(LANGEVIN_STREAM));
    }
}
