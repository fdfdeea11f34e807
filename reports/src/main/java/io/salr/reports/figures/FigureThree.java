package io.salr.reports.figures;

import java.util.Map;
import java.util.Objects;

/**
 * Fig. 3 of the paper as it draws it: on the left the test error against epochs for SGD, Entropy-SGD,
 * Entropy-SGD-SALR and SGD-SALR, here with a band over the seeds (the mean, with error bars of one standard
 * deviation across seeds at each epoch end); on the right S_hat and the learning rate against the iterations
 * of one SALR run. Under matched gradient calls the methods run different numbers of epochs, so their
 * curves end at different epochs, as in the paper.
 */
public final class FigureThree {

    /** The methods of the left panel, in the paper's legend order. */
    public static final java.util.List<String> LEFT_METHODS = java.util.List.of("sgd", "entropy-sgd", "entropy-sgd-salr",
            "sgd-salr");

    /**
     * One method's test error over its epoch ends, across seeds.
     *
     * @param epochs    the epoch ends (1, 2, ...), increasing
     * @param mean      the mean test error over the seeds at each epoch end
     * @param deviation the standard deviation over the seeds (0 with one seed), the band's half-width
     * @param seeds     how many seeds each point averages
     */
    public record Band(double[] epochs, double[] mean, double[] deviation, int seeds) {
        public Band {
            epochs = epochs.clone();
            mean = mean.clone();
            deviation = deviation.clone();
            if (epochs.length == 0 || mean.length != epochs.length || deviation.length != epochs.length) {
                throw new IllegalArgumentException("a band needs as many means and deviations as epochs, and one epoch at"
                        + " least; got " + epochs.length + " epochs, " + mean.length + " means, " + deviation.length + " deviations");
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("a band averages at least one seed, got " + seeds);
            }
        }

        @Override
        public double[] epochs() {
            return epochs.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] deviation() {
            return deviation.clone();
        }

        /** The band of per-seed test errors {@code errors[seed][epoch]} (every seed with the same epochs). */
        public static Band of(double[] epochs, double[][] errors) {
            Objects.requireNonNull(errors, "errors");
            if (errors.length == 0) {
                throw new IllegalArgumentException("a band needs at least one seed");
            }
            double[] mean = new double[epochs.length];
            double[] sd = new double[epochs.length];
            for (int e = 0; e < epochs.length; e++) {
                double sum = 0;
                for (double[] seed : errors) {
                    if (seed.length != epochs.length) {
                        throw new IllegalArgumentException("every seed needs " + epochs.length + " epoch ends, one has "
                                + seed.length);
                    }
                    sum += seed[e];
                }
                double m = sum / errors.length;
                double ss = 0;
                for (double[] seed : errors) {
                    ss += (seed[e] - m) * (seed[e] - m);
                }
                mean[e] = m;
                sd[e] = errors.length > 1 ? Math.sqrt(ss / (errors.length - 1)) : 0;
            }
            return new Band(epochs, mean, sd, errors.length);
        }
    }

    private FigureThree() {
    }

    /** The left panel: one band per method, drawn in map order, labelled with its seed count. */
    public static LineFigure testErrorOverEpochs(String title, Map<String, Band> perMethod) {
        if (perMethod.isEmpty()) {
            throw new IllegalArgumentException("Fig. 3 (left) needs at least one method");
        }
        LineFigure.Builder b = LineFigure.curves().title(title).axes("epoch", "test error");
        perMethod.forEach((method, band) -> b.curveWithErrorBars(method + " (mean +- sd, " + band.seeds() + " seeds)",
                band.epochs, band.mean, band.deviation));
        return b.build();
    }

    /** The right panel: S_hat (left axis) and the learning rate (right axis) against the iterations of one run. */
    public static LineFigure sharpnessAndRate(String title, double[] iterations, double[] sHat, double[] learningRate) {
        return PaperFigures.sharpnessAndRate(title, iterations, sHat, learningRate);
    }
}
