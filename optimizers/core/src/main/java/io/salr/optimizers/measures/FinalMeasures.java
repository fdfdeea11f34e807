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

    /**
     * Power iteration stops when the Rayleigh quotient changed by at most this fraction of itself in
     * {@link #STABLE_ITERATIONS} consecutive iterations.
     */
    public static final double CONVERGENCE = 1e-4;

    /** Consecutive stable iterations that end a power iteration. */
    public static final int STABLE_ITERATIONS = 3;

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
     * Two eigenvalues of the loss Hessian on {@code batch}.
     *
     * @param max the largest algebraic eigenvalue (the sharpest upward curvature; negative only when the
     *     Hessian is negative definite)
     * @param dominant the eigenvalue of largest magnitude, with its sign (negative when the strongest
     *     curvature is downward, as at a saddle)
     * @param iterations the power iterations spent (both runs together when a shifted run was needed)
     * @param converged whether every run met the stopping rule before its cap
     */
    public record HessianEigenvalues(double max, double dominant, int iterations, boolean converged) {
    }

    /** The last Rayleigh quotient of one power iteration, what it cost and whether it settled. */
    private record Power(double lambda, int iterations, boolean converged) {
    }

    /**
     * The largest algebraic and the dominant eigenvalue of the loss Hessian, by power iteration with
     * Hessian-vector products from central differences of gradients,
     * H v ~ (g(theta + h v) - g(theta - h v)) / (2 h) with h = {@value #HVP_STEP}, restricted to the
     * trainable positions. Power iteration on H gives the dominant eigenvalue lambda_d (its last Rayleigh
     * quotient). When lambda_d &gt;= 0 it is also the largest; otherwise H - lambda_d I is positive
     * semi-definite with dominant eigenvalue lambda_max - lambda_d, and a second power iteration on it (the
     * shifted power method) gives lambda_max. Each iteration costs two gradient calls. A run stops once its
     * Rayleigh quotient has changed by at most {@value #CONVERGENCE} of itself in {@value #STABLE_ITERATIONS}
     * consecutive iterations, or after {@code iterations}; {@link HessianEigenvalues#converged()} says which
     * (20 iterations left the estimate 2-3x apart between two random starts on a trained MLP).
     *
     * @param iterations the cap of each power iteration
     */
    public static HessianEigenvalues hessianEigenvalues(TrainableModel model, Batch batch, int iterations,
            UniformRandomProvider rng) {
        Checks.atLeast("iterations", iterations, 1);
        FlatVector theta = model.params();
        FlatVector mask = model.trainableMask();
        ModelObjective f = new ModelObjective(model, batch);
        try {
            Power dominant = powerIteration(f, theta, mask, Vectors.gaussian(rng, mask), 0.0, iterations);
            double d = dominant.lambda();
            if (d >= 0) {
                return new HessianEigenvalues(d, d, dominant.iterations(), dominant.converged());
            }
            Power shifted = powerIteration(f, theta, mask, Vectors.gaussian(rng, mask), d, iterations);
            return new HessianEigenvalues(shifted.lambda() + d, d, dominant.iterations() + shifted.iterations(),
                    dominant.converged() && shifted.converged());
        } finally {
            model.setParams(theta);
        }
    }

    /** The dominant eigenvalue of (H - shift I) from {@code start}: the last Rayleigh quotient. */
    private static Power powerIteration(ModelObjective f, FlatVector theta, FlatVector mask, FlatVector start,
            double shift, int iterations) {
        double h = HVP_STEP;
        FlatVector v = start;
        v.divi(v.norm2());
        double lambda = 0;
        int stable = 0;
        int it = 0;
        while (it < iterations) {
            it++;
            double previous = lambda;
            FlatVector plus = f.gradient(theta.add(v.mul(h)));
            FlatVector minus = f.gradient(theta.sub(v.mul(h)));
            FlatVector hv = plus.subi(minus).divi(2 * h).muli(mask);
            if (shift != 0) {
                hv.subi(v.mul(shift));
            }
            lambda = v.dot(hv);
            double norm = hv.norm2();
            if (!(norm > 0) || !Double.isFinite(norm)) {
                return new Power(lambda, it, norm == 0);
            }
            v = hv.divi(norm);
            stable = it > 1 && Math.abs(lambda - previous) <= CONVERGENCE * Math.abs(lambda) ? stable + 1 : 0;
            if (stable >= STABLE_ITERATIONS) {
                return new Power(lambda, it, true);
            }
        }
        return new Power(lambda, it, false);
    }
}
