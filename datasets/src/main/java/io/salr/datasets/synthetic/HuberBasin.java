package io.salr.datasets.synthetic;

import io.salr.validation.Checks;

/**
 * A one-dimensional basin built so that every hypothesis of Theorem 2 (Section IV) can be computed: a
 * quadratic mu/2 t^2 for |t| &lt;= r, then a curvature that falls linearly from mu to 0 over a width w, then
 * a straight line. So f is twice continuously differentiable, mu-strongly convex on B_r(0) (f'' = mu), its
 * gradient is L-Lipschitz with L = mu, and |f'| &lt;= mu (r + w/2), which is both L0 and g_max.
 *
 * @param mu the curvature of the basin, &gt; 0
 * @param r the radius of the strongly convex ball, &gt; 0
 * @param w the width over which the curvature falls to 0, &gt; 0
 */
public record HuberBasin(double mu, double r, double w) implements OneDimensional {

    public HuberBasin {
        Checks.positive("mu", mu);
        Checks.positive("r", r);
        Checks.positive("w", w);
    }

    /** The gradient bound g_max = L0 = mu (r + w / 2). */
    public double gradientBound() {
        return mu * (r + w / 2);
    }

    /** The Lipschitz constant L of the gradient (the largest curvature): mu. */
    public double gradientLipschitz() {
        return mu;
    }

    /** f''(t). */
    public double curvatureAt(double t) {
        double a = Math.abs(t);
        if (a <= r) {
            return mu;
        }
        return a >= r + w ? 0 : mu * (1 - (a - r) / w);
    }

    @Override
    public double derivativeAt(double t) {
        double a = Math.abs(t);
        double d;
        if (a <= r) {
            d = mu * a;
        } else if (a <= r + w) {
            double s = a - r;
            d = mu * r + mu * (s - s * s / (2 * w));
        } else {
            d = gradientBound();
        }
        return Math.signum(t) * d;
    }

    @Override
    public double valueAt(double t) {
        double a = Math.abs(t);
        if (a <= r) {
            return 0.5 * mu * a * a;
        }
        double atR = 0.5 * mu * r * r;
        if (a <= r + w) {
            double s = a - r;
            return atR + mu * r * s + mu * (s * s / 2 - s * s * s / (6 * w));
        }
        double s = w;
        double atEnd = atR + mu * r * s + mu * (s * s / 2 - s * s * s / (6 * w));
        return atEnd + gradientBound() * (a - r - w);
    }

    @Override
    public String toString() {
        return "huber-basin(mu=" + mu + ", r=" + r + ", w=" + w + ")";
    }
}
