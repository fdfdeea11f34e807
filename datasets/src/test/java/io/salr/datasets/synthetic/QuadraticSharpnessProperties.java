package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.SharpnessEstimate;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.ArrayVector;

/**
 * Definition 1 on f = 1/2 x^T A x against its closed form. At x0 = r v with v a unit eigenvector of
 * eigenvalue lambda and r &gt; 0, the gradient lambda r v points along v, so every normalized step
 * moves by exactly gamma along +v (ascent) or -v (descent) as long as it does not cross the
 * minimizer, i.e. while n1 gamma &lt; r. Hence theta- = (r - n1 gamma) v, theta+ = (r + n2 gamma) v and
 *
 * <pre>
 *   S-hat = lambda / 2 ((r + n2 gamma)^2 - (r - n1 gamma)^2),
 * </pre>
 *
 * which grows linearly with the curvature lambda along the gradient direction.
 */
class QuadraticSharpnessProperties {

    static double closedForm(double lambda, double r, int n1, int n2, double gamma) {
        double up = r + n2 * gamma;
        double down = r - n1 * gamma;
        return lambda / 2 * (up * up - down * down);
    }

    private static double estimate(Quadratic f, double[] point, SharpnessConfig config) {
        return new DeterministicSharpness(config).estimate(f, ArrayVector.of(point), RandomSource.SPLIT_MIX_64.create(0L)).sHat();
    }

    @Property
    void oneDimensionalClosedForm(
            @ForAll @DoubleRange(min = 0.01, max = 100) double a,
            @ForAll @DoubleRange(min = 0.1, max = 10) double x0,
            @ForAll @Scale(9) @DoubleRange(min = 1e-3, max = 0.5) double gamma,
            @ForAll @IntRange(min = 0, max = 10) int n1,
            @ForAll @IntRange(min = 0, max = 10) int n2) {
        Assume.that(n1 + n2 > 0 && n1 * gamma < x0);
        double expected = closedForm(a, x0, n1, n2, gamma);
        double actual = estimate(Quadratic.diagonal(a), new double[] {x0}, new SharpnessConfig(gamma, n1, n2));
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }

    @Property(tries = 300)
    void alongAnEigenvectorOfARotatedQuadratic(
            @ForAll @DoubleRange(min = 0.1, max = 20) double lambda0,
            @ForAll @DoubleRange(min = 0.1, max = 20) double lambda1,
            @ForAll @DoubleRange(min = 0.1, max = 20) double lambda2,
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @DoubleRange(min = 0.5, max = 5) double r,
            @ForAll @IntRange(min = 1, max = 6) int n1,
            @ForAll @IntRange(min = 1, max = 6) int n2,
            @ForAll long seed) {
        double gamma = 0.05;
        double[] lambda = {lambda0, lambda1, lambda2};
        Quadratic f = Quadratic.rotated(lambda, seed);
        double[] v = f.eigenvector(which);
        double[] x0 = {r * v[0], r * v[1], r * v[2]};
        double expected = closedForm(lambda[which], r, n1, n2, gamma);
        double actual = estimate(f, x0, new SharpnessConfig(gamma, n1, n2));
        assertEquals(expected, actual, 1e-8 * Math.max(1.0, Math.abs(expected)));
    }

    @Property(tries = 300)
    void growsWithTheCurvatureAlongTheGradientDirection(
            @ForAll @DoubleRange(min = 0.1, max = 20) double lambdaLow,
            @ForAll @DoubleRange(min = 1.01, max = 10) double ratio,
            @ForAll @DoubleRange(min = 0.5, max = 5) double r,
            @ForAll long seed) {
        Quadratic f = Quadratic.rotated(new double[] {lambdaLow, lambdaLow * ratio}, seed);
        SharpnessConfig config = new SharpnessConfig(0.05, 3, 3);
        double[] flat = f.eigenvector(0);
        double[] sharp = f.eigenvector(1);
        double sFlat = estimate(f, new double[] {r * flat[0], r * flat[1]}, config);
        double sSharp = estimate(f, new double[] {r * sharp[0], r * sharp[1]}, config);
        assertTrue(sSharp > sFlat, "S-hat along lambda = " + lambdaLow * ratio + ": " + sSharp
                + " <= along lambda = " + lambdaLow + ": " + sFlat);
    }

    @Test
    void atTheExactMinimizerRandomDirectionIsPositiveAndReproducibleWhileStopGivesZero() {
        Quadratic f = Quadratic.rotated(new double[] {1.0, 4.0}, 3L).withMinimizer(0.5, -1.5);
        FlatVector minimizer = ArrayVector.of(f.minimizer());
        SharpnessConfig config = new SharpnessConfig(0.1, 2, 3);
        DeterministicSharpness random = new DeterministicSharpness(config, ZeroGradientPolicy.RANDOM_DIRECTION);
        SharpnessEstimate first = random.estimate(f, minimizer, RandomSource.SPLIT_MIX_64.create(11L));
        SharpnessEstimate second = random.estimate(f, minimizer, RandomSource.SPLIT_MIX_64.create(11L));
        assertTrue(first.sHat() > 0, "RANDOM_DIRECTION at the minimizer: " + first.sHat());
        assertEquals(first.sHat(), second.sHat(), 0.0, "same probe seed, same estimate");
        assertTrue(first.zeroGradientFallbacks() >= 2);
        SharpnessEstimate stop = new DeterministicSharpness(config, ZeroGradientPolicy.STOP)
                .estimate(f, minimizer, RandomSource.SPLIT_MIX_64.create(11L));
        assertEquals(0.0, stop.sHat(), 0.0);
    }
}
