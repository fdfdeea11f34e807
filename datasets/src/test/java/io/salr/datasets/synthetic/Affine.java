package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.engine.FlatVector;

/** Test helper: a * f + b, to check invariances of the sharpness and of the schedule. */
final class Affine implements DifferentiableFunction {
    private final DifferentiableFunction f;
    private final double scale;
    private final double shift;

    Affine(DifferentiableFunction f, double scale, double shift) {
        this.f = f;
        this.scale = scale;
        this.shift = shift;
    }

    @Override
    public int dimension() {
        return f.dimension();
    }

    @Override
    public double value(FlatVector theta) {
        return scale * f.value(theta) + shift;
    }

    @Override
    public FlatVector gradient(FlatVector theta) {
        return f.gradient(theta).muli(scale);
    }
}
