package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.sharpness.NonFiniteGradientException;
import io.salr.optimizers.sharpness.SharpnessEstimate;
import io.salr.optimizers.sharpness.SharpnessWalk;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Algorithm 2 (Section V): from theta_k, n1 normalized descent steps reach theta-, n2 normalized ascent
 * steps reach theta+, and S-hat_k = f_B(theta+) - f_B(theta-) with f_B the mean loss on the probe batch.
 * Steps move only the trainable positions; the parameters (running statistics included) are restored
 * bit for bit afterwards, and since no running-statistic update is ever applied the BatchNorm statistics
 * are untouched. Every pass runs in training mode (see {@link TrainableModel}). The walk itself is
 * {@link SharpnessWalk}, shared with Definition 1's estimator.
 *
 * <p>Cost: both chains start at theta, so the direction there is computed once (and, on the step's
 * batch, it comes from the step's own pass); each further step takes one direction ({@code BATCH}: one
 * gradient call; {@code PER_EXAMPLE}: what the engine's per-example direction costs); the two end points
 * take one forward-only evaluation each. Every pass repeats the dropout masks of the step's seed, so the
 * two chains and their end points measure one function.
 */
public final class StochasticSharpness {

    private final StochasticSharpnessConfig config;

    /** An estimator for the given options. */
    public StochasticSharpness(StochasticSharpnessConfig config) {
        this.config = Checks.present("config", config);
    }

    /**
     * S-hat at the model's current parameters, both chains starting with one direction computed at theta
     * (a fresh pass on {@code batch}).
     *
     * @param model the model (its parameters are restored before returning, also on failure)
     * @param batch the probe batch
     * @param stream random directions for exactly zero gradients under
     *     {@link ZeroGradientPolicy#RANDOM_DIRECTION}
     * @throws NonFiniteGradientException if a step's direction has a NaN or infinite norm
     */
    public SharpnessEstimate estimate(TrainableModel model, Batch batch, UniformRandomProvider stream) {
        model.repeatStochasticLayers();
        return estimate(model, batch, stream, direction(model, batch));
    }

    /**
     * S-hat with the direction at theta already known (from the step's own pass on the same batch).
     * Every pass of the measurement repeats the dropout masks of the step's seed. The estimate's
     * {@code gradientCalls} counts the directions computed here (the given first one excluded); the
     * model's meter counts the passes they took.
     *
     * @param first the direction at theta, as {@link #direction} gives it (not modified)
     */
    SharpnessEstimate estimate(TrainableModel model, Batch batch, UniformRandomProvider stream,
            SharpnessWalk.Direction first) {
        FlatVector theta = model.params();
        SharpnessWalk walk = new SharpnessWalk(config.sharpness().gamma(), config.zeroGradientPolicy(), stream,
                model.trainableMask());
        int[] directions = {0};
        SharpnessWalk.Oracle oracle = point -> {
            model.setParams(point);
            model.repeatStochasticLayers();
            directions[0]++;
            return direction(model, batch);
        };
        try {
            SharpnessWalk.Result minus = walk.walk(theta, config.sharpness().n1(), -1.0, oracle, first);
            SharpnessWalk.Result plus = walk.walk(theta, config.sharpness().n2(), +1.0, oracle, first);
            model.setParams(plus.end());
            model.repeatStochasticLayers();
            double fPlus = model.loss(batch);
            model.setParams(minus.end());
            model.repeatStochasticLayers();
            double fMinus = model.loss(batch);
            int steps = minus.stepsTaken() + plus.stepsTaken();
            return new SharpnessEstimate(fPlus - fMinus, fPlus, fMinus, plus.end(), minus.end(), directions[0], 2,
                    minus.fallbacks() + plus.fallbacks(),
                    steps == 0 ? 0 : (minus.lengthSum() + plus.lengthSum()) / steps);
        } finally {
            model.setParams(theta);
        }
    }

    /** The step direction at the model's current parameters: one pass (batch) or the per-example direction. */
    SharpnessWalk.Direction direction(TrainableModel model, Batch batch) {
        if (config.normalization() == StochasticSharpnessConfig.Normalization.PER_EXAMPLE) {
            return perExample(model.perExampleNormalizedGradient(batch));
        }
        return normalizedBatch(model.lossAndGradient(batch));
    }

    /**
     * The unit batch gradient g / ||g|| (g itself when its norm is zero or not finite, so the walk applies
     * its zero-gradient policy or reports the blow-up); {@code g} is not modified.
     */
    static SharpnessWalk.Direction normalizedBatch(LossGradient g) {
        FlatVector d = g.gradient().dup();
        double norm = d.norm2();
        if (norm > 0 && Double.isFinite(norm)) {
            d.divi(norm);
        }
        return new SharpnessWalk.Direction(d, d.norm2(), false);
    }

    /** The mean of per-example unit gradients, whose norm is at most 1 and is kept (Algorithm 2 as written). */
    static SharpnessWalk.Direction perExample(NormalizedGradient n) {
        FlatVector d = n.direction().dup();
        return new SharpnessWalk.Direction(d, d.norm2(), false);
    }
}
