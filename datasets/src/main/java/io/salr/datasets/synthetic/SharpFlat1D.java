package io.salr.datasets.synthetic;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

/**
 * A smooth 1-D landscape with one sharp and one flat minimum of exactly equal depth (the setting of
 * Theorem 2, Section IV):
 *
 * <pre>
 *   f(x) = (1 - exp(-(x - a)^2 / (2 s1^2))) * (1 - exp(-(x - b)^2 / (2 s2^2)))
 * </pre>
 *
 * f is C-infinity, f &gt;= 0, and f(a) = f(b) = 0. With A, B the two factors, f'' at a is
 * {@code B(a) / s1^2} and at b is {@code A(b) / s2^2}, so s1 &lt; s2 makes a the sharp minimizer.
 * Far from both wells f tends to 1 (a plateau). Each well's local strong convexity holds for
 * |x - a| &lt; s1 (resp. s2), where the Gaussian factor is convex.
 *
 * @param a the sharp minimizer
 * @param sharpWidth s1 &gt; 0
 * @param b the flat minimizer, b != a
 * @param flatWidth s2 &gt; 0
 */
public record SharpFlat1D(double a, double sharpWidth, double b, double flatWidth) implements OneDimensional {

    /** Validates every field. */
    public SharpFlat1D {
        Checks.finite("a", a);
        Checks.positive("sharpWidth", sharpWidth);
        Checks.finite("b", b);
        Checks.positive("flatWidth", flatWidth);
        if (a == b) {
            throw new InvalidParameterException("b", b, "must differ from a = " + a);
        }
    }

    /** The default landscape: sharp minimum at -1 (width 0.1), flat minimum at 2 (width 1). */
    public static SharpFlat1D standard() {
        return new SharpFlat1D(-1.0, 0.1, 2.0, 1.0);
    }

    @Override
    public double valueAt(double x) {
        return well(x, a, sharpWidth) * well(x, b, flatWidth);
    }

    @Override
    public double derivativeAt(double x) {
        return wellDerivative(x, a, sharpWidth) * well(x, b, flatWidth)
                + well(x, a, sharpWidth) * wellDerivative(x, b, flatWidth);
    }

    /** The sharp minimizer a (f(a) = 0). */
    public double sharpMinimizer() {
        return a;
    }

    /** The flat minimizer b (f(b) = 0). */
    public double flatMinimizer() {
        return b;
    }

    /** f''(a) = B(a) / s1^2. */
    public double sharpCurvature() {
        return well(a, b, flatWidth) / (sharpWidth * sharpWidth);
    }

    /** f''(b) = A(b) / s2^2. */
    public double flatCurvature() {
        return well(b, a, sharpWidth) / (flatWidth * flatWidth);
    }

    /** 1 - exp(-(x - c)^2 / (2 s^2)). */
    static double well(double x, double c, double s) {
        double u = (x - c) / s;
        return -Math.expm1(-0.5 * u * u);
    }

    /** d/dx of {@link #well}: exp(-(x - c)^2 / (2 s^2)) (x - c) / s^2. */
    static double wellDerivative(double x, double c, double s) {
        double u = (x - c) / s;
        return Math.exp(-0.5 * u * u) * u / s;
    }
}
