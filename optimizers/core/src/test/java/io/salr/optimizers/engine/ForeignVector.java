package io.salr.optimizers.engine;

/**
 * A {@link FlatVector} of no engine at all, for the contracts' check that every engine refuses a vector
 * of another one. Its operations are never meant to run; they throw so that a vector accepting it cannot
 * pass by accident.
 */
public final class ForeignVector implements FlatVector {

    private final int length;

    public ForeignVector(int length) {
        this.length = length;
    }

    private static UnsupportedOperationException never() {
        return new UnsupportedOperationException("a foreign vector must be refused before it is used");
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public FlatVector dup() {
        throw never();
    }

    @Override
    public FlatVector assign(FlatVector source) {
        throw never();
    }

    @Override
    public FlatVector assign(double value) {
        throw never();
    }

    @Override
    public FlatVector addi(FlatVector other) {
        throw never();
    }

    @Override
    public FlatVector subi(FlatVector other) {
        throw never();
    }

    @Override
    public FlatVector muli(FlatVector other) {
        throw never();
    }

    @Override
    public FlatVector divi(FlatVector other) {
        throw never();
    }

    @Override
    public FlatVector addi(double value) {
        throw never();
    }

    @Override
    public FlatVector muli(double value) {
        throw never();
    }

    @Override
    public FlatVector divi(double value) {
        throw never();
    }

    @Override
    public FlatVector sqrti() {
        throw never();
    }

    @Override
    public double norm2() {
        throw never();
    }

    @Override
    public double dot(FlatVector other) {
        throw never();
    }

    @Override
    public boolean allFinite() {
        throw never();
    }

    @Override
    public double[] toDoubleArray() {
        throw never();
    }

    @Override
    public FlatVector like(double[] values) {
        throw never();
    }

    @Override
    public String toString() {
        return "ForeignVector[" + length + "]";
    }
}
