package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.optimizers.engine.FlatVector;

/**
 * The n-dimensional Rosenbrock function
 * {@code f(x) = sum_{i<n-1} [b (x_{i+1} - x_i^2)^2 + (a - x_i)^2]} with a = 1, b = 100: a curved
 * narrow valley with its minimum f = 0 at (1, ..., 1); a standard non-convex test of a step rule.
 */
public final class Rosenbrock implements DifferentiableFunction {

    private static final double A = 1.0;
    private static final double B = 100.0;

    private final int dimension;

    /** @param dimension n &gt;= 2 */
    public Rosenbrock(int dimension) {
        this.dimension = Checks.atLeast("dimension", dimension, 2);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double value(FlatVector theta) {
        double[] x = Points.read(theta, dimension);
        double sum = 0;
        for (int i = 0; i < dimension - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            sum += B * valley * valley + (A - x[i]) * (A - x[i]);
        }
        return sum;
    }

    @Override
    public FlatVector gradient(FlatVector theta) {
        double[] x = Points.read(theta, dimension);
        double[] g = new double[dimension];
        for (int i = 0; i < dimension - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            g[i] += -4 * B * x[i] * valley - 2 * (A - x[i]);
            g[i + 1] += 2 * B * valley;
        }
        return Points.vector(g);
    }

    @Override
    public String toString() {
        return "rosenbrock-" + dimension;
    }
}
