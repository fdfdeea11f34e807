package io.salr.datasets.synthetic;

import io.salr.optimizers.sharpness.BallSharpness;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import io.salr.optimizers.engine.ArrayVector;

/**
 * The three sharpness measures of Section III on a grid over a 1-D landscape, as in Fig. 2: phi of
 * eq. (1), S of eq. (2) (both over the ball of radius epsilon) and S_hat of Definition 1.
 *
 * @param theta the grid
 * @param f f(theta)
 * @param phi eq. (1)
 * @param s eq. (2)
 * @param sHat Definition 1
 */
public record SharpnessProfile(double[] theta, double[] f, double[] phi, double[] s, double[] sHat) {

    /**
     * Evaluates the measures at {@code points} evenly spaced values of theta in [from, to].
     *
     * @param seed seed of the probe stream, used only where a gradient is exactly zero
     */
    public static SharpnessProfile of(OneDimensional landscape, double from, double to, int points,
            double epsilon, SharpnessConfig config, long seed) {
        Checks.positive("epsilon", epsilon);
        Checks.finite("from", from);
        Checks.finite("to", to);
        if (!(to > from)) {
            throw new InvalidParameterException("to", to, "must be greater than from (" + from + ")");
        }
        Checks.atLeast("points", points, 2);
        DoubleUnaryOperator f1 = landscape.asUnary();
        DeterministicSharpness sharpness = new DeterministicSharpness(config, ZeroGradientPolicy.RANDOM_DIRECTION);
        UniformRandomProvider probe = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] theta = new double[points];
        double[] f = new double[points];
        double[] phi = new double[points];
        double[] s = new double[points];
        double[] sHat = new double[points];
        for (int i = 0; i < points; i++) {
            theta[i] = from + (to - from) * i / (points - 1);
            f[i] = f1.applyAsDouble(theta[i]);
            phi[i] = BallSharpness.phi1d(f1, theta[i], epsilon);
            s[i] = BallSharpness.s1d(f1, theta[i], epsilon);
            sHat[i] = sharpness.estimate(landscape, ArrayVector.of(theta[i]), probe).sHat();
        }
        return new SharpnessProfile(theta, f, phi, s, sHat);
    }

    /** The profile as CSV with the columns {@code theta,f,phi,S,S_hat}. */
    public String csv() {
        StringBuilder csv = new StringBuilder("theta,f,phi,S,S_hat\n");
        for (int i = 0; i < theta.length; i++) {
            csv.append(String.format(Locale.ROOT, "%.6f,%.9g,%.9g,%.9g,%.9g%n", theta[i], f[i], phi[i], s[i], sHat[i]));
        }
        return csv.toString();
    }
}
