package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.function.DoubleBinaryOperator;
import io.salr.optimizers.engine.FlatVector;

/**
 * The 2-D analogue of {@link SharpFlat1D} with isotropic wells (Theorem 2, Section IV):
 *
 * <pre>
 *   f(p) = (1 - exp(-|p - a|^2 / (2 s1^2))) * (1 - exp(-|p - b|^2 / (2 s2^2)))
 * </pre>
 *
 * f(a) = f(b) = 0 (equal depth); the Hessian at a is {@code B(a) / s1^2} times the identity and at b
 * {@code A(b) / s2^2} times the identity.
 */
public final class SharpFlat2D implements DifferentiableFunction {

    private final double[] a;
    private final double sharpWidth;
    private final double[] b;
    private final double flatWidth;

    /**
     * @param a the sharp minimizer (x, y)
     * @param sharpWidth s1 &gt; 0
     * @param b the flat minimizer (x, y), different from a
     * @param flatWidth s2 &gt; 0
     */
    public SharpFlat2D(double[] a, double sharpWidth, double[] b, double flatWidth) {
        this.a = point("a", a);
        this.sharpWidth = Checks.positive("sharpWidth", sharpWidth);
        this.b = point("b", b);
        this.flatWidth = Checks.positive("flatWidth", flatWidth);
        if (a[0] == b[0] && a[1] == b[1]) {
            throw new InvalidParameterException("b", "(" + b[0] + ", " + b[1] + ")", "must differ from a");
        }
    }

    /** The default landscape: sharp minimum at (-1, 0) (width 0.1), flat minimum at (2, 0) (width 1). */
    public static SharpFlat2D standard() {
        return new SharpFlat2D(new double[] {-1.0, 0.0}, 0.1, new double[] {2.0, 0.0}, 1.0);
    }

    private static double[] point(String name, double[] p) {
        Checks.present(name, p);
        if (p.length != 2) {
            throw new InvalidParameterException(name + ".length", p.length, "must be 2");
        }
        Checks.finite(name + "[0]", p[0]);
        Checks.finite(name + "[1]", p[1]);
        return p.clone();
    }

    @Override
    public int dimension() {
        return 2;
    }

    /** f(x, y). */
    public double valueAt(double x, double y) {
        return well(x, y, a, sharpWidth) * well(x, y, b, flatWidth);
    }

    /** The gradient of f at (x, y). */
    public double[] gradientAt(double x, double y) {
        double wa = well(x, y, a, sharpWidth);
        double wb = well(x, y, b, flatWidth);
        double ea = weight(x, y, a, sharpWidth);
        double eb = weight(x, y, b, flatWidth);
        return new double[] {
            ea * (x - a[0]) * wb + wa * eb * (x - b[0]),
            ea * (y - a[1]) * wb + wa * eb * (y - b[1])
        };
    }

    /** This landscape as (x, y) -&gt; f(x, y), for the ball measures of eqs. (1) and (2). */
    public DoubleBinaryOperator asBinary() {
        return this::valueAt;
    }

    @Override
    public double value(FlatVector theta) {
        double[] p = Points.read(theta, 2);
        return valueAt(p[0], p[1]);
    }

    @Override
    public FlatVector gradient(FlatVector theta) {
        double[] p = Points.read(theta, 2);
        return Points.vector(gradientAt(p[0], p[1]));
    }

    /** The sharp minimizer a. */
    public double[] sharpMinimizer() {
        return a.clone();
    }

    /** The flat minimizer b. */
    public double[] flatMinimizer() {
        return b.clone();
    }

    /** The Hessian eigenvalue (both equal) at a: B(a) / s1^2. */
    public double sharpCurvature() {
        return well(a[0], a[1], b, flatWidth) / (sharpWidth * sharpWidth);
    }

    /** The Hessian eigenvalue (both equal) at b: A(b) / s2^2. */
    public double flatCurvature() {
        return well(b[0], b[1], a, sharpWidth) / (flatWidth * flatWidth);
    }

    private static double well(double x, double y, double[] c, double s) {
        double r2 = ((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1])) / (s * s);
        return -Math.expm1(-0.5 * r2);
    }

    /** exp(-|p - c|^2 / (2 s^2)) / s^2, so that grad well = weight * (p - c). */
    private static double weight(double x, double y, double[] c, double s) {
        double r2 = ((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1])) / (s * s);
        return Math.exp(-0.5 * r2) / (s * s);
    }

    @Override
    public String toString() {
        return "sharp-flat-2d";
    }
}
