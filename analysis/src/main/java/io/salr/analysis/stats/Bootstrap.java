package io.salr.analysis.stats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile-bootstrap confidence intervals.
 *
 * <p>Each replicate resamples every sample with replacement (same size; two samples independently of
 * each other), draws coming from one {@link SplittableRandom} created from the given seed, in a fixed
 * order: for replicate b, first the n_x indices of x, then the n_y indices of y. The interval is the
 * percentile interval: the {@code (1 - confidence)/2} and {@code (1 + confidence)/2} quantiles of the
 * replicate statistics, quantiles by linear interpolation ({@link Samples#quantileType7}). The same
 * seed, settings and data give the same interval, bit for bit.
 *
 * @param resamples  number of bootstrap replicates, at least 1 (10 000 is the analysis default)
 * @param confidence two-sided confidence level in (0, 1), e.g. 0.95
 */
public record Bootstrap(int resamples, double confidence) {

    /** A confidence interval with {@code low <= high}. */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("interval needs low <= high, was [" + low + ", " + high + "]");
            }
        }
    }

    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), was " + confidence);
        }
    }

    /**
     * Percentile interval for mean(x) - mean(y); each sample needs at least 2 values.
     */
    public Interval meanDifference(double[] x, double[] y, long seed) {
        Samples.atLeast("x", x, 2);
        Samples.atLeast("y", y, 2);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] bx = new double[x.length];
        double[] by = new double[y.length];
        for (int b = 0; b < resamples; b++) {
            resample(x, bx, random);
            resample(y, by, random);
            stats[b] = Samples.mean(bx) - Samples.mean(by);
        }
        return percentile(stats);
    }

    /** Percentile interval for the interquartile mean ({@link Iqm}); the sample needs at least 2 values. */
    public Interval iqm(double[] x, long seed) {
        return oneSample(x, Iqm::of, seed);
    }

    /** Percentile interval for any statistic of one sample of at least 2 values. */
    public Interval oneSample(double[] x, ToDoubleFunction<double[]> statistic, long seed) {
        Samples.atLeast("x", x, 2);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] bx = new double[x.length];
        for (int b = 0; b < resamples; b++) {
            resample(x, bx, random);
            stats[b] = statistic.applyAsDouble(bx);
        }
        return percentile(stats);
    }

    /**
     * A seed for one named comparison derived from a base seed, so that each interval's stream does not
     * depend on which other intervals are computed or in which order: 64-bit FNV-1a over the UTF-8 bytes
     * of the parts joined by U+001F, XOR the base seed, then one step of {@link SplittableRandom}.
     */
    public static long deriveSeed(long seed, String... parts) {
        long hash = 0xcbf29ce484222325L;
        byte[] bytes = String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return new SplittableRandom(seed ^ hash).nextLong();
    }

    private static void resample(double[] source, double[] target, SplittableRandom random) {
        for (int i = 0; i < target.length; i++) {
            target[i] = source[random.nextInt(source.length)];
        }
    }

    private Interval percentile(double[] stats) {
        Arrays.sort(stats);
        double tail = (1 - confidence) / 2;
        return new Interval(Samples.quantileType7(stats, tail), Samples.quantileType7(stats, 1 - tail));
    }
}
