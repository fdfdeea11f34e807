package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.TrainableModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** SWA, see {@link SwaConfig}. */
final class Swa extends AbstractMethod {

    private final SwaConfig config;
    private final UpdateRule rule;
    private FlatVector average;
    private long models;

    Swa(SwaConfig config) {
        this.config = config;
        this.rule = config.rule().newRule();
    }

    @Override
    public MethodConfig config() {
        return config;
    }

    @Override
    StepRecord update(StepContext ctx, Batch batch, BatchSupplier fresh) {
        double rate = config.rateAt(ctx.iteration);
        LossGradient g = ctx.gradient(batch, rate);
        FlatVector theta = ctx.model.parameterView(); // only read, before the parameters change
        FlatVector delta = rule.step(theta, g.gradient(), ctx.model.trainableMask(), rate);
        StepRecord record = ctx.applyToCurrent(delta, g.statistics(), g.loss(), rate, OptionalDouble.empty(),
                OptionalDouble.empty());
        if (config.averagesAfter(ctx.iteration)) {
            // the first average is a copy of the parameters; later ones only read them (a view will do)
            average = average == null ? ctx.model.params()
                    : average.muli(models).addi(ctx.model.parameterView()).divi(models + 1);
            models++;
        }
        return record;
    }

    /** The number of parameter vectors averaged so far. */
    long averagedModels() {
        return models;
    }

    /**
     * Puts the average into the model and recomputes the BatchNorm statistics over
     * {@code trainingData}; leaves the model unchanged when no iteration has been averaged yet.
     */
    @Override
    public void finish(TrainableModel model, Iterable<Batch> trainingData) {
        if (models == 0) {
            return;
        }
        model.setParams(average);
        model.recomputeRunningStatistics(trainingData);
    }

    @Override
    public MethodState snapshot() {
        Map<String, double[]> vectors = new LinkedHashMap<>(rule.vectors());
        if (average != null) {
            vectors.put("swa.average", average.toDoubleArray());
        }
        Map<String, Double> numbers = new LinkedHashMap<>(rule.numbers());
        numbers.put("swa.models", (double) models);
        return new MethodState(vectors, numbers, Map.of(), Optional.empty());
    }

    @Override
    public void restore(MethodState state, FlatVector like) {
        rule.restore(state, like);
        models = (long) state.number("swa.models");
        average = state.vectors().containsKey("swa.average") ? like.like(state.vector("swa.average")) : null;
    }
}
