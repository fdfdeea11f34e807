package io.salr.optimizers.torch;

import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.FlatVectorContract;
import java.util.Optional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The torch engine's vector in float32 passes the vector contract. */
class TorchVectorFloatContractTest implements FlatVectorContract {

    @Override
    public FlatVector vectorOf(double[] values) {
        return TorchVector.of(values, ScalarType.Float, null);
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }

    @Override
    public Optional<FlatVector> otherTypeOf(double[] values) {
        return Optional.of(TorchVector.of(values, ScalarType.Double, null));
    }
}
