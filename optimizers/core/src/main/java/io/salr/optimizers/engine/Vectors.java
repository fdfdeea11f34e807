package io.salr.optimizers.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Helpers on flat vectors that need more than one vector's operations. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * A standard Gaussian vector drawn from {@code stream} (float64 draws, one per entry in order, rounded
     * to the mask's type), zero outside {@code mask}, in the mask's engine and type.
     */
    public static FlatVector gaussian(UniformRandomProvider stream, FlatVector mask) {
        ZigguratSampler.NormalizedGaussian sampler = ZigguratSampler.NormalizedGaussian.of(stream);
        double[] values = new double[Math.toIntExact(mask.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = sampler.sample();
        }
        return mask.like(values).muli(mask);
    }
}
