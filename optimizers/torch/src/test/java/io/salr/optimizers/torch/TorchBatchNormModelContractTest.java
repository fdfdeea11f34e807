package io.salr.optimizers.torch;

import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.TrainableModelContract;
import io.salr.optimizers.meter.GradientMeter;

/**
 * The torch engine's model of the tiny MLP with BatchNorm, in float32, passes the model contract: running
 * statistics in the parameter vector, outside the mask, examples coupled through the batch's statistics.
 */
class TorchBatchNormModelContractTest implements TrainableModelContract {

    @Override
    public TrainableModel newModel(GradientMeter meter) {
        return new TorchEngine().build(Fixtures.mlp(true, 0.0), meter);
    }

    @Override
    public HostBatch hostBatch(int size, long seed) {
        return Fixtures.batch(Fixtures.mlp(true, 0.0), size, seed);
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }

    /** A training-mode BatchNorm pass needs two examples per channel; the engine refuses a batch of one. */
    @Override
    public int minimumTrainingBatch() {
        return 2;
    }
}
