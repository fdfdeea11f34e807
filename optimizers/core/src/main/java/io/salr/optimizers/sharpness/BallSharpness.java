package io.salr.optimizers.sharpness;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The ball-based sharpness measures of Section III, computed by dense search for functions of one or
 * two variables (the setting of Fig. 2):
 *
 * <pre>
 *   eq. (1)  phi(eps, theta) = (max_{B_eps(theta)} f - f(theta)) / (1 + f(theta))
 *   eq. (2)  S(eps, theta)   =  max_{B_eps(theta)} f - min_{B_eps(theta)} f
 * </pre>
 *
 * <p>Resolution: in 1-D the ball [theta - eps, theta + eps] is searched on
 * {@value #GRID_INTERVALS_1D} equal intervals, i.e. {@value #GRID_INTERVALS_1D} + 1 points including
 * both end points and theta itself; in 2-D on the points of a square grid of spacing
 * eps / {@value #GRID_HALF_WIDTH_2D} that lie in the disc (theta included), plus
 * {@value #BOUNDARY_POINTS_2D} equally spaced points on the boundary circle. For an f with Lipschitz
 * constant L0 on the ball the reported max and min are therefore within L0 * eps / 10000 (1-D) and
 * L0 * eps / 400 * sqrt(2) (2-D) of the true extrema; the max over the ball is never below f(theta),
 * so phi &gt;= 0 and S &gt;= 0 exactly.
 */
public final class BallSharpness {

    /** Number of equal intervals the 1-D ball is divided into. */
    public static final int GRID_INTERVALS_1D = 20_000;
    /** Grid points per radius along each axis of the 2-D square grid. */
    public static final int GRID_HALF_WIDTH_2D = 200;
    /** Points on the boundary circle of the 2-D ball. */
    public static final int BOUNDARY_POINTS_2D = 4_000;

    private BallSharpness() {
    }

    /** Eq. (1) in 1-D: (max over [theta - eps, theta + eps] of f, minus f(theta)) / (1 + f(theta)). */
    public static double phi1d(DoubleUnaryOperator f, double theta, double eps) {
        double[] range = range1d(f, theta, eps);
        return phi(f.applyAsDouble(theta), range[1]);
    }

    /** Eq. (2) in 1-D: max minus min of f over [theta - eps, theta + eps]. */
    public static double s1d(DoubleUnaryOperator f, double theta, double eps) {
        double[] range = range1d(f, theta, eps);
        return range[1] - range[0];
    }

    /** Eq. (1) in 2-D over the disc of radius eps around theta = (x, y); f is f(x, y). */
    public static double phi2d(DoubleBinaryOperator f, double[] theta, double eps) {
        double[] range = range2d(f, theta, eps);
        return phi(f.applyAsDouble(theta[0], theta[1]), range[1]);
    }

    /** Eq. (2) in 2-D over the disc of radius eps around theta = (x, y); f is f(x, y). */
    public static double s2d(DoubleBinaryOperator f, double[] theta, double eps) {
        double[] range = range2d(f, theta, eps);
        return range[1] - range[0];
    }

    private static double phi(double atTheta, double max) {
        double denominator = 1.0 + atTheta;
        if (!(denominator > 0)) {
            throw new InvalidParameterException("1 + f(theta)", denominator,
                    "must be > 0 for the normalization of eq. (1)");
        }
        return (max - atTheta) / denominator;
    }

    /** {min, max} of f on the 1-D grid. */
    private static double[] range1d(DoubleUnaryOperator f, double theta, double eps) {
        Checks.present("f", f);
        Checks.finite("theta", theta);
        Checks.positive("eps", eps);
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i <= GRID_INTERVALS_1D; i++) {
            double offset = eps * (2.0 * i - GRID_INTERVALS_1D) / GRID_INTERVALS_1D;
            include(range, f.applyAsDouble(theta + offset), "f(" + (theta + offset) + ")");
        }
        return range;
    }

    /** {min, max} of f on the 2-D disc grid plus its boundary circle. */
    private static double[] range2d(DoubleBinaryOperator f, double[] theta, double eps) {
        Checks.present("f", f);
        Checks.present("theta", theta);
        if (theta.length != 2) {
            throw new InvalidParameterException("theta.length", theta.length, "must be 2");
        }
        Checks.finite("theta[0]", theta[0]);
        Checks.finite("theta[1]", theta[1]);
        Checks.positive("eps", eps);
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int m = GRID_HALF_WIDTH_2D;
        for (int i = -m; i <= m; i++) {
            for (int j = -m; j <= m; j++) {
                if (i * i + j * j <= m * m) {
                    double x = theta[0] + eps * i / m;
                    double y = theta[1] + eps * j / m;
                    include(range, f.applyAsDouble(x, y), "f at a grid point");
                }
            }
        }
        for (int k = 0; k < BOUNDARY_POINTS_2D; k++) {
            double angle = 2.0 * Math.PI * k / BOUNDARY_POINTS_2D;
            double x = theta[0] + eps * Math.cos(angle);
            double y = theta[1] + eps * Math.sin(angle);
            include(range, f.applyAsDouble(x, y), "f at a boundary point");
        }
        return range;
    }

    private static void include(double[] range, double value, String where) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(where, value, "must be finite inside the ball");
        }
        range[0] = Math.min(range[0], value);
        range[1] = Math.max(range[1], value);
    }
}
