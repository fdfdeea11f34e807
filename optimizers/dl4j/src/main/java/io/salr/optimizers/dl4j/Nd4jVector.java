package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.FlatVector;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A {@link FlatVector} in a rank-1 ND4J array: every operation is the one ND4J operation of the same
 * name ({@code addi}, {@code muli}, {@code norm2Number}, ...), in the array's own type, so the methods
 * compute on DL4J exactly what they computed when they were written against ND4J directly.
 */
public final class Nd4jVector implements FlatVector {

    private final INDArray array;

    private Nd4jVector(INDArray array) {
        this.array = array;
    }

    /** Wraps {@code array} (rank 1 or a row; not copied: the vector shares its storage). */
    public static Nd4jVector wrap(INDArray array) {
        Checks.present("array", array);
        if (!array.isVector() && array.length() > 1) {
            throw new InvalidParameterException("array.shape", java.util.Arrays.toString(array.shape()),
                    "must be a vector");
        }
        return new Nd4jVector(array.rank() == 1 ? array : array.reshape(array.length()));
    }

    /** The ND4J array behind {@code v}, which must be an {@link Nd4jVector}. */
    public static INDArray unwrap(FlatVector v) {
        if (v instanceof Nd4jVector n) {
            return n.array;
        }
        throw new InvalidParameterException("vector", v == null ? "null" : v.getClass().getName(),
                "must be an ND4J vector of the DL4J engine");
    }

    /**
     * The array behind the operand of a binary operation: a vector of this engine, of this vector's length and
     * floating-point type (ND4J itself would broadcast a length-1 operand, assign across lengths or mix float32
     * with float64 without a word).
     */
    private INDArray operand(FlatVector other) {
        INDArray o = unwrap(other);
        if (o.length() != array.length()) {
            throw new InvalidParameterException("other.length", o.length(), "must equal this vector's length " + array.length());
        }
        if (o.dataType() != array.dataType()) {
            throw new InvalidParameterException("other.type", o.dataType(), "must be this vector's " + array.dataType());
        }
        return o;
    }

    /** The array (shared storage). */
    public INDArray array() {
        return array;
    }

    /** The floating-point type. */
    public DataType dataType() {
        return array.dataType();
    }

    @Override
    public long length() {
        return array.length();
    }

    @Override
    public Nd4jVector dup() {
        return new Nd4jVector(array.dup());
    }

    @Override
    public Nd4jVector assign(FlatVector source) {
        array.assign(operand(source));
        return this;
    }

    @Override
    public Nd4jVector assign(double value) {
        array.assign(value);
        return this;
    }

    @Override
    public Nd4jVector addi(FlatVector other) {
        array.addi(operand(other));
        return this;
    }

    @Override
    public Nd4jVector subi(FlatVector other) {
        array.subi(operand(other));
        return this;
    }

    @Override
    public Nd4jVector muli(FlatVector other) {
        array.muli(operand(other));
        return this;
    }

    @Override
    public Nd4jVector divi(FlatVector other) {
        array.divi(operand(other));
        return this;
    }

    @Override
    public Nd4jVector addi(double value) {
        array.addi(value);
        return this;
    }

    @Override
    public Nd4jVector muli(double value) {
        array.muli(value);
        return this;
    }

    @Override
    public Nd4jVector divi(double value) {
        array.divi(value);
        return this;
    }

    @Override
    public Nd4jVector sqrti() {
        Transforms.sqrt(array, false);
        return this;
    }

    @Override
    public Nd4jVector add(FlatVector other) {
        return new Nd4jVector(array.add(operand(other)));
    }

    @Override
    public Nd4jVector sub(FlatVector other) {
        return new Nd4jVector(array.sub(operand(other)));
    }

    @Override
    public Nd4jVector mul(FlatVector other) {
        return new Nd4jVector(array.mul(operand(other)));
    }

    @Override
    public Nd4jVector mul(double value) {
        return new Nd4jVector(array.mul(value));
    }

    @Override
    public Nd4jVector div(double value) {
        return new Nd4jVector(array.div(value));
    }

    @Override
    public double norm2() {
        return array.norm2Number().doubleValue();
    }

    @Override
    public double dot(FlatVector other) {
        return array.mul(operand(other)).sumNumber().doubleValue();
    }

    @Override
    public boolean allFinite() {
        return FiniteCheck.allFinite(array);
    }

    @Override
    public double[] toDoubleArray() {
        return array.toDoubleVector();
    }

    @Override
    public Nd4jVector like(double[] values) {
        if (values.length != array.length()) {
            throw new InvalidParameterException("values.length", values.length, "must equal " + array.length());
        }
        return new Nd4jVector(Nd4j.createFromArray(values).castTo(array.dataType()));
    }

    @Override
    public String toString() {
        return "Nd4jVector[" + array.dataType() + ", " + array.length() + "]";
    }
}
