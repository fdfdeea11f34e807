package io.salr.datasets.synthetic;

import io.salr.optimizers.validation.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between the ND4J vectors of the objective interface and plain arrays. */
final class Points {

    private Points() {
    }

    /** The entries of theta as doubles, after checking it is a vector of the given length. */
    static double[] read(INDArray theta, int dimension) {
        if (theta == null) {
            throw new InvalidParameterException("theta", "null", "must be given");
        }
        if (!theta.isVector() || theta.length() != dimension) {
            throw new InvalidParameterException("theta.length", theta.length(),
                    "must be a vector of length " + dimension);
        }
        return theta.toDoubleVector();
    }

    /** A new rank-1 double vector. */
    static INDArray vector(double... values) {
        return Nd4j.create(values, new long[] {values.length}, DataType.DOUBLE);
    }
}
