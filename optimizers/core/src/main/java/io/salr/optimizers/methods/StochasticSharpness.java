package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
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
 * <p>Cost: each of the n1 + n2 steps takes one direction ({@code BATCH}: one gradient call;
 * {@code PER_EXAMPLE}: what the engine's per-example direction costs); the two end points take one
 * forward-only evaluation each.
 */
public final class StochasticSharpness {

    private final StochasticSharpnessConfig config;

    /** An estimator for the given options. */
    public StochasticSharpness(StochasticSharpnessConfig config) {
        this.config = Checks.present("config", config);
    }

    /**
     * S-hat at the model's current parameters.
     *
     * @param model the model (its parameters are restored before returning, also on failure)
     * @param batch the probe batch
     * @param stream random directions for exactly zero gradients under
     *     {@link ZeroGradientPolicy#RANDOM_DIRECTION}
     * @throws NonFiniteGradientException if a step's direction has a NaN or infinite norm
     */
    public SharpnessEstimate estimate(TrainableModel model, Batch batch, UniformRandomProvider stream) {
        FlatVector theta = model.params();
        SharpnessWalk walk = new SharpnessWalk(config.sharpness().gamma(), config.zeroGradientPolicy(), stream,
                model.trainableMask());
        int[] calls = {0};
        SharpnessWalk.Oracle oracle = point -> {
            model.setParams(point);
            calls[0]++;
            return direction(model, batch);
        };
        try {
            SharpnessWalk.Result minus = walk.walk(theta, config.sharpness().n1(), -1.0, oracle, null);
            SharpnessWalk.Result plus = walk.walk(theta, config.sharpness().n2(), +1.0, oracle, null);
            model.setParams(plus.end());
            double fPlus = model.loss(batch);
            model.setParams(minus.end());
            double fMinus = model.loss(batch);
            int steps = minus.stepsTaken() + plus.stepsTaken();
            return new SharpnessEstimate(fPlus - fMinus, fPlus, fMinus, plus.end(), minus.end(), calls[0], 2,
                    minus.fallbacks() + plus.fallbacks(),
                    steps == 0 ? 0 : (minus.lengthSum() + plus.lengthSum()) / steps);
        } finally {
            model.setParams(theta);
        }
    }

    /**
     * The step direction before the factor gamma: the mean of per-example unit gradients (whose norm is
     * at most 1, as Algorithm 2 is written) or the unit batch gradient; zero when the gradient is zero.
     */
    private SharpnessWalk.Direction direction(TrainableModel model, Batch batch) {
        FlatVector d;
        if (config.normalization() == StochasticSharpnessConfig.Normalization.PER_EXAMPLE) {
            d = model.perExampleNormalizedGradient(batch).direction();
        } else {
            FlatVector g = model.lossAndGradient(batch).gradient();
            double norm = g.norm2();
            d = norm > 0 && Double.isFinite(norm) ? g.divi(norm) : g;
        }
        return new SharpnessWalk.Direction(d, d.norm2(), false);
    }
}
