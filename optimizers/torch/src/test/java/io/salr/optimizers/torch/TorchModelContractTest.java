package io.salr.optimizers.torch;

import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.TrainableModelContract;
import io.salr.optimizers.meter.GradientMeter;

/** The torch engine's model of the tiny MLP (16 inputs, 3 classes), in float32 as it trains, passes the model contract. */
class TorchModelContractTest implements TrainableModelContract {

    @Override
    public TrainableModel newModel(GradientMeter meter) {
        return new TorchEngine().build(Fixtures.mlp(false, 0.0), meter);
    }

    @Override
    public HostBatch hostBatch(int size, long seed) {
        return Fixtures.batch(Fixtures.mlp(false, 0.0), size, seed);
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }
}
