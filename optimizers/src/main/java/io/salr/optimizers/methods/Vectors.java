package io.salr.optimizers.methods;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers on rank-1 parameter-space vectors. */
final class Vectors {

    private Vectors() {
    }

    /** {@code a} in the data type of {@code reference} (a itself when they already agree). */
    static INDArray like(INDArray a, INDArray reference) {
        return a.dataType() == reference.dataType() ? a : a.castTo(reference.dataType());
    }

    /** A standard Gaussian vector drawn from {@code stream}, zero outside {@code mask}, in the mask's type. */
    static INDArray gaussian(UniformRandomProvider stream, INDArray mask) {
        ZigguratSampler.NormalizedGaussian sampler = ZigguratSampler.NormalizedGaussian.of(stream);
        double[] values = new double[Math.toIntExact(mask.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = sampler.sample();
        }
        return Nd4j.createFromArray(values).castTo(mask.dataType()).muli(mask);
    }
}
