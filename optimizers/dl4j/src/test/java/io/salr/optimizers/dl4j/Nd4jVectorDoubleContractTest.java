package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.FlatVectorContract;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J engine's vector in float64 passes the vector contract. */
class Nd4jVectorDoubleContractTest implements FlatVectorContract {

    @Override
    public FlatVector vectorOf(double[] values) {
        return Nd4jVector.wrap(Nd4j.createFromArray(values).castTo(DataType.DOUBLE));
    }

    @Override
    public boolean singlePrecision() {
        return false;
    }

    @Override
    public Optional<FlatVector> otherTypeOf(double[] values) {
        return Optional.of(Nd4jVector.wrap(Nd4j.createFromArray(values).castTo(DataType.FLOAT)));
    }
}
