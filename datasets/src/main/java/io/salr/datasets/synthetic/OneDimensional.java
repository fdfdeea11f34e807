package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import java.util.function.DoubleUnaryOperator;
import io.salr.optimizers.engine.FlatVector;

/**
 * A landscape of one variable, usable both as a {@link DifferentiableFunction} on length-1 vectors
 * and as a {@link DoubleUnaryOperator} for the ball measures of eqs. (1) and (2).
 */
public interface OneDimensional extends DifferentiableFunction {

    /** f(t). */
    double valueAt(double t);

    /** f'(t). */
    double derivativeAt(double t);

    /** This landscape as t -&gt; f(t). */
    default DoubleUnaryOperator asUnary() {
        return this::valueAt;
    }

    @Override
    default int dimension() {
        return 1;
    }

    @Override
    default double value(FlatVector theta) {
        return valueAt(Points.read(theta, 1)[0]);
    }

    @Override
    default FlatVector gradient(FlatVector theta) {
        return Points.vector(derivativeAt(Points.read(theta, 1)[0]));
    }
}
