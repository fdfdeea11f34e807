package io.salr.optimizers.engine;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;

/**
 * A {@link FlatVector} in a plain {@code double[]}: the vector of the synthetic landscapes, of full-batch
 * gradient descent (Sections III and IV) and of the plain-Java reference the engines are tested against.
 * Every operation is a straightforward loop in float64.
 */
public final class ArrayVector implements FlatVector {

    private final double[] values;

    private ArrayVector(double[] values) {
        this.values = values;
    }

    /** A vector holding a copy of {@code values}. */
    public static ArrayVector of(double... values) {
        Checks.present("values", values);
        return new ArrayVector(values.clone());
    }

    /** A vector of {@code length} zeros. */
    public static ArrayVector zeros(int length) {
        Checks.atLeast("length", length, 0);
        return new ArrayVector(new double[length]);
    }

    /** The entry at {@code i}. */
    public double get(int i) {
        return values[i];
    }

    private double[] other(FlatVector o) {
        if (!(o instanceof ArrayVector a)) {
            throw new InvalidParameterException("vector", o.getClass().getName(), "must be an ArrayVector (one engine per operation)");
        }
        if (a.values.length != values.length) {
            throw new InvalidParameterException("vector.length", a.values.length, "must equal " + values.length);
        }
        return a.values;
    }

    @Override
    public long length() {
        return values.length;
    }

    @Override
    public ArrayVector dup() {
        return new ArrayVector(values.clone());
    }

    @Override
    public ArrayVector assign(FlatVector source) {
        System.arraycopy(other(source), 0, values, 0, values.length);
        return this;
    }

    @Override
    public ArrayVector assign(double value) {
        Arrays.fill(values, value);
        return this;
    }

    @Override
    public ArrayVector addi(FlatVector other) {
        double[] o = other(other);
        for (int i = 0; i < values.length; i++) {
            values[i] += o[i];
        }
        return this;
    }

    @Override
    public ArrayVector subi(FlatVector other) {
        double[] o = other(other);
        for (int i = 0; i < values.length; i++) {
            values[i] -= o[i];
        }
        return this;
    }

    @Override
    public ArrayVector muli(FlatVector other) {
        double[] o = other(other);
        for (int i = 0; i < values.length; i++) {
            values[i] *= o[i];
        }
        return this;
    }

    @Override
    public ArrayVector divi(FlatVector other) {
        double[] o = other(other);
        for (int i = 0; i < values.length; i++) {
            values[i] /= o[i];
        }
        return this;
    }

    @Override
    public ArrayVector addi(double value) {
        for (int i = 0; i < values.length; i++) {
            values[i] += value;
        }
        return this;
    }

    @Override
    public ArrayVector muli(double value) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= value;
        }
        return this;
    }

    @Override
    public ArrayVector divi(double value) {
        for (int i = 0; i < values.length; i++) {
            values[i] /= value;
        }
        return this;
    }

    @Override
    public ArrayVector sqrti() {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sqrt(values[i]);
        }
        return this;
    }

    @Override
    public double norm2() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Override
    public double dot(FlatVector other) {
        double[] o = other(other);
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i] * o[i];
        }
        return s;
    }

    @Override
    public boolean allFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] toDoubleArray() {
        return values.clone();
    }

    @Override
    public ArrayVector like(double[] newValues) {
        if (newValues.length != values.length) {
            throw new InvalidParameterException("values.length", newValues.length, "must equal " + values.length);
        }
        return new ArrayVector(newValues.clone());
    }

    @Override
    public String toString() {
        return "ArrayVector" + Arrays.toString(values);
    }
}
