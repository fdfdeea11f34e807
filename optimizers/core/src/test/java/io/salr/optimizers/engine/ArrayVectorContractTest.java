package io.salr.optimizers.engine;

/** The plain-Java vector of the synthetic landscapes and the reference model passes the vector contract. */
class ArrayVectorContractTest implements FlatVectorContract {

    @Override
    public FlatVector vectorOf(double[] values) {
        return ArrayVector.of(values);
    }

    @Override
    public boolean singlePrecision() {
        return false;
    }
}
