package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ReferenceMlp;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.TrainableModelContract;
import io.salr.optimizers.meter.GradientMeter;
import org.nd4j.linalg.api.buffer.DataType;

/** The DL4J engine's model of the tiny 4-3-2 tanh/softmax MLP, in float32 as it trains, passes the model contract. */
class Dl4jModelContractTest implements TrainableModelContract {

    @Override
    public TrainableModel newModel(GradientMeter meter) {
        return Dl4jModel.of(TinyNets.mlp(31, DataType.FLOAT), meter);
    }

    @Override
    public HostBatch hostBatch(int size, long seed) {
        return ReferenceMlp.images(size, 4, 2, seed);
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }
}
