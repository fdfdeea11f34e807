package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;

/** The plain-Java reference network (4 inputs, 3 hidden, 3 classes; 27 parameters) passes the model contract. */
class ReferenceMlpContractTest implements TrainableModelContract {

    @Override
    public TrainableModel newModel(GradientMeter meter) {
        return new ReferenceMlp(4, 3, 3, 17, meter);
    }

    @Override
    public HostBatch hostBatch(int size, long seed) {
        return ReferenceMlp.images(size, 4, 3, seed);
    }

    @Override
    public boolean singlePrecision() {
        return false;
    }
}
