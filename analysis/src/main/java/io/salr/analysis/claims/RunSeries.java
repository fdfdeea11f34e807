package io.salr.analysis.claims;

import java.util.Objects;

/**
 * S-hat and the learning rate at the sharpness refreshes of one SALR run (Fig. 3, right), index-aligned.
 *
 * @param dataset      dataset
 * @param model        model
 * @param method       method
 * @param seed         the run's seed
 * @param sHat         S-hat at each refresh
 * @param learningRate the learning rate set from it
 */
public record RunSeries(String dataset, String model, String method, long seed, double[] sHat, double[] learningRate) {

    public RunSeries {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        if (sHat.length != learningRate.length) {
            throw new IllegalArgumentException("sHat and learningRate must have the same length, have "
                    + sHat.length + " and " + learningRate.length);
        }
        sHat = sHat.clone();
        learningRate = learningRate.clone();
    }

    @Override
    public double[] sHat() {
        return sHat.clone();
    }

    @Override
    public double[] learningRate() {
        return learningRate.clone();
    }
}
