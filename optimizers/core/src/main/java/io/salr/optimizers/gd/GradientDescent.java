package io.salr.optimizers.gd;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.optimizers.engine.FlatVector;

/**
 * Vanilla full-batch GD with a fixed learning rate, theta_{k+1} = theta_k - eta grad f(theta_k): the
 * method of Theorem 1 (Section IV) and the baseline GD-SALR is compared with. One gradient and one
 * value call per iteration.
 */
public final class GradientDescent {

    private final double eta;

    /** @param eta the learning rate, finite and &gt; 0 */
    public GradientDescent(double eta) {
        this.eta = Checks.positive("eta", eta);
    }

    /** The learning rate. */
    public double eta() {
        return eta;
    }

    /**
     * Runs {@code iterations} updates from theta0 (not modified), stopping early as diverged if a value,
     * gradient or iterate becomes non-finite.
     */
    public Trajectory run(DifferentiableFunction f, FlatVector theta0, int iterations) {
        DescentLoop.Step step = new DescentLoop.Step(eta, 1.0, 0.0, false);
        return new DescentLoop(f).run(theta0, iterations, (k, theta, loop) -> step, false);
    }
}
