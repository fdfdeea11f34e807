package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ReferenceMlp;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.engine.TrainableModelContract;
import io.salr.optimizers.meter.GradientMeter;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The DL4J engine's model of the 4-3-BN-2 MLP in float32 passes the model contract: running statistics in
 * the parameter vector, outside the mask, examples coupled through the batch's statistics.
 */
class Dl4jBatchNormModelContractTest implements TrainableModelContract {

    @Override
    public TrainableModel newModel(GradientMeter meter) {
        return Dl4jModel.of(TinyNets.batchNormMlp(32, DataType.FLOAT, new Sgd(0.1)), meter);
    }

    @Override
    public HostBatch hostBatch(int size, long seed) {
        return ReferenceMlp.images(size, 4, 2, seed);
    }

    @Override
    public boolean singlePrecision() {
        return true;
    }

    /**
     * FINDING (reported, main code unchanged): on a batch of one example, the B-pass route's 0/1 label mask
     * has shape [1], which DL4J reads as a per-output mask and rejects ("Per output masking for MCXENT +
     * softmax: not supported"), so Algorithm 2's direction fails on a BatchNorm network whenever a batch
     * holds one example (e.g. the last partial batch of an epoch).
     */
    @Override
    public Optional<String> knownPerExampleFinding(int batchSize) {
        return batchSize == 1
                ? Optional.of("DL4J BatchNorm: perExampleNormalizedGradient on a batch of one throws (label mask [1])")
                : Optional.empty();
    }
}
