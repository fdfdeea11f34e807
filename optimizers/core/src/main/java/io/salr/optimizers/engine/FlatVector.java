package io.salr.optimizers.engine;

/**
 * A vector in a model's flat parameter space (parameters, gradients, momenta, probe directions), held
 * by the engine that made it: an ND4J array, a LibTorch tensor, or a Java array for the plain reference.
 * The methods of the paper are written against this interface only, so each of them exists once for
 * every engine.
 *
 * <p>Operations whose name ends in {@code i} work in place and return {@code this}; the others return a
 * new vector and leave their operands alone. Binary operations take a vector of the same engine, length
 * and floating-point type (mixing engines is an error). Every entry is computed in the vector's own type
 * (float32 during training, float64 for the end-of-run measures), in the order the operation is written,
 * so the same sequence of calls gives the same bits on the same engine and CPU.
 */
public interface FlatVector {

    /** The number of entries. */
    long length();

    /** A copy with its own storage. */
    FlatVector dup();

    /** Copies {@code source} into this vector. */
    FlatVector assign(FlatVector source);

    /** Sets every entry to {@code value}. */
    FlatVector assign(double value);

    /** this += other, entry by entry. */
    FlatVector addi(FlatVector other);

    /** this -= other. */
    FlatVector subi(FlatVector other);

    /** this *= other, entry by entry. */
    FlatVector muli(FlatVector other);

    /** this /= other, entry by entry. */
    FlatVector divi(FlatVector other);

    /** this += value at every entry. */
    FlatVector addi(double value);

    /** this *= value. */
    FlatVector muli(double value);

    /** this /= value. */
    FlatVector divi(double value);

    /** The square root of every entry, in place. */
    FlatVector sqrti();

    /** this + other as a new vector. */
    default FlatVector add(FlatVector other) {
        return dup().addi(other);
    }

    /** this - other as a new vector. */
    default FlatVector sub(FlatVector other) {
        return dup().subi(other);
    }

    /** this * other, entry by entry, as a new vector. */
    default FlatVector mul(FlatVector other) {
        return dup().muli(other);
    }

    /** this * value as a new vector. */
    default FlatVector mul(double value) {
        return dup().muli(value);
    }

    /** this / value as a new vector. */
    default FlatVector div(double value) {
        return dup().divi(value);
    }

    /** The Euclidean norm. */
    double norm2();

    /** The inner product with {@code other}. */
    double dot(FlatVector other);

    /** True when no entry is NaN or infinite. */
    boolean allFinite();

    /** The entries as float64 values (for checkpoints and tests). */
    double[] toDoubleArray();

    /** A new vector of this vector's engine, type and length holding {@code values} (rounded to the type). */
    FlatVector like(double[] values);
}
