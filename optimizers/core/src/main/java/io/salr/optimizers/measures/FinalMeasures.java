package io.salr.optimizers.measures;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.Vectors;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The end-of-run measures of a trained model on a fixed batch (Table II and its curvature companion),
 * meant for the float64 {@link TrainableModel#measurementCopy} so that finite differences stay accurate.
 * Every measure restores the model's parameters before it returns.
 */
public final class FinalMeasures {

    /** The central-difference step of the Hessian-vector products. */
    public static final double HVP_STEP = 1e-4;

    private FinalMeasures() {
    }

    /**
     * S-hat of Definition 1 at the model's parameters on {@code batch}, without median normalization
     * (Table II). The gradient is zero at the running-statistic positions, so the probe moves only
     * trainable weights.
     */
    public static double sharpness(TrainableModel model, Batch batch, SharpnessConfig config, UniformRandomProvider rng) {
        FlatVector theta = model.params();
        try {
            return new DeterministicSharpness(config, ZeroGradientPolicy.RANDOM_DIRECTION)
                    .estimate(new ModelObjective(model, batch), theta, model.trainableMask(), rng).sHat();
        } finally {
            model.setParams(theta);
        }
    }

    /**
     * The eigenvalue of largest magnitude of the loss Hessian on {@code batch}, by power iteration with
     * Hessian-vector products from central differences of gradients,
     * H v ~ (g(theta + h v) - g(theta - h v)) / (2 h) with h = {@value #HVP_STEP}, restricted to the
     * trainable positions. Returns the Rayleigh quotient v.Hv of the last iterate (negative when the
     * dominant curvature is negative).
     */
    public static double dominantHessianEigenvalue(TrainableModel model, Batch batch, int iterations,
            UniformRandomProvider rng) {
        Checks.atLeast("iterations", iterations, 1);
        FlatVector theta = model.params();
        FlatVector mask = model.trainableMask();
        ModelObjective f = new ModelObjective(model, batch);
        double h = HVP_STEP;
        try {
            FlatVector v = Vectors.gaussian(rng, mask);
            v.divi(v.norm2());
            double lambda = 0;
            for (int it = 0; it < iterations; it++) {
                FlatVector plus = f.gradient(theta.add(v.mul(h)));
                FlatVector minus = f.gradient(theta.sub(v.mul(h)));
                FlatVector hv = plus.subi(minus).divi(2 * h).muli(mask);
                lambda = v.dot(hv);
                double norm = hv.norm2();
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    break;
                }
                v = hv.divi(norm);
            }
            return lambda;
        } finally {
            model.setParams(theta);
        }
    }
}
