package io.salr.datasets.synthetic;

import io.salr.optimizers.engine.ArrayVector;
import io.salr.optimizers.engine.FlatVector;
import io.salr.validation.InvalidParameterException;

/** Conversions between the flat vectors of the objective interface and plain arrays. */
final class Points {

    private Points() {
    }

    /** The entries of theta as doubles, after checking its length. */
    static double[] read(FlatVector theta, int dimension) {
        if (theta == null) {
            throw new InvalidParameterException("theta", "null", "must be given");
        }
        if (theta.length() != dimension) {
            throw new InvalidParameterException("theta.length", theta.length(),
                    "must be a vector of length " + dimension);
        }
        return theta.toDoubleArray();
    }

    /** A new float64 vector. */
    static FlatVector vector(double... values) {
        return ArrayVector.of(values);
    }
}
