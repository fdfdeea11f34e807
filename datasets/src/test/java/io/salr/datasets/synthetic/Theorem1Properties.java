package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.gd.GradientDescent;
import io.salr.optimizers.gd.Trajectory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.apache.commons.rng.simple.RandomSource;
import io.salr.optimizers.engine.ArrayVector;

/**
 * Theorem 1 (Section IV): GD with eta &gt;= (2 + eps) / mu started in B_delta(x*) of a mu-strongly
 * convex function leaves the ball. On a quadratic the error e_k = x_k - x* evolves as
 * e_{k+1} = (I - eta A) e_k, and every eigen-component is multiplied by |1 - eta lambda_i| &gt;=
 * eta lambda_i - 1 &gt;= 1 + eps, so ||e_k|| &gt;= (1 + eps)^k ||e_0||: the run must be outside the ball
 * by iteration ceil(log(delta / ||e_0||) / log(1 + eps)) + 1, which is the bound asserted here.
 */
class Theorem1Properties {

    @Property(tries = 100)
    void largeStepLeavesTheStronglyConvexBall(
            @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @DoubleRange(min = 0.1, max = 10) double mu,
            @ForAll @DoubleRange(min = 1, max = 20) double conditionNumber,
            @ForAll @DoubleRange(min = 0.05, max = 1) double eps,
            @ForAll @DoubleRange(min = 1, max = 3) double etaFactor,
            @ForAll @DoubleRange(min = 0.1, max = 10) double delta,
            @ForAll @Scale(9) @DoubleRange(min = 1e-6, max = 0.999) double startFraction,
            @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
        double[] spectrum = new double[n];
        spectrum[0] = mu;
        for (int i = 1; i < n; i++) {
            spectrum[i] = mu * (1 + (conditionNumber - 1) * rng.nextDouble());
        }
        double[] center = new double[n];
        for (int i = 0; i < n; i++) {
            center[i] = 2 * rng.nextDouble() - 1;
        }
        Quadratic f = Quadratic.rotated(spectrum, seed).withMinimizer(center);
        double r = startFraction * delta;
        double[] direction = UnitSphereSampler.of(rng, n).sample();
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = center[i] + r * direction[i];
        }
        double eta = etaFactor * (2 + eps) / f.mu();
        int bound = (int) Math.ceil(Math.log(delta / r) / Math.log(1 + eps)) + 1;
        Trajectory run = new GradientDescent(eta).run(f, ArrayVector.of(x0), bound);
        int exit = -1;
        for (int k = 0; k < run.points().length && exit < 0; k++) {
            double distance = 0;
            for (int i = 0; i < n; i++) {
                distance += (run.points()[k][i] - center[i]) * (run.points()[k][i] - center[i]);
            }
            if (Math.sqrt(distance) > delta) {
                exit = k;
            }
        }
        assertTrue(exit > 0 && exit <= bound, "left B_delta at k = " + exit + ", bound " + bound);
    }
}
