package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.util.Arrays;

/**
 * Subsets and hold-out splits, so that small CPU runs are possible: the first N examples, or a stratified
 * random N with per-class proportional allocation (largest-remainder rounding, so each class's count is
 * within one example of its exact share), and a stratified train/validation hold-out.
 *
 * <p>Randomness comes only from an explicit seed or an explicit {@link UniformRandomProvider} (STYLE rule
 * 5): a {@code long} seed drives {@link RandomSource#XO_RO_SHI_RO_128_PP}, so the same seed gives the same
 * subset on every platform and Java version. Selected indices are returned in ascending order, so a subset
 * keeps the original example order.
 */
public final class Subsets {

    /** The random generator a {@code long} seed drives. */
    public static final RandomSource SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

    private Subsets() {
    }

    /**
     * A train/validation pair from a hold-out split.
     *
     * @param train      the examples not held out
     * @param validation the held-out examples
     */
    public record TrainValidation(LabeledData train, LabeledData validation) {
        /** Validates that both parts are present. */
        public TrainValidation {
            Checks.present("train", train);
            Checks.present("validation", validation);
        }
    }

    /** The indices {@code 0 .. n-1} of a set of {@code size} examples. */
    public static int[] firstNIndices(int size, int n) {
        Checks.atLeast("size", size, 1);
        checkCount("n", n, size);
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    /** The first {@code n} examples of a labelled data set. */
    public static LabeledData firstN(LabeledData data, int n) {
        Checks.present("data", data);
        return data.select(firstNIndices(data.size(), n));
    }

    /** The first {@code n} examples of any example set (e.g. the first text sequences). */
    public static ExampleSet firstN(ExampleSet data, int n) {
        Checks.present("data", data);
        return data.select(firstNIndices(data.size(), n));
    }

    /**
     * How many examples each class contributes to a stratified subset of {@code n}: the exact share
     * {@code n * count[c] / total} rounded down, the remaining examples going to the classes with the
     * largest fractional remainders (ties to the smaller class index). Each result is within one of its
     * exact share and never exceeds the class count; the results sum to {@code n}.
     */
    public static int[] allocate(int[] classCounts, int n) {
        Checks.present("classCounts", classCounts);
        long total = 0;
        for (int c = 0; c < classCounts.length; c++) {
            Checks.atLeast("classCounts[" + c + "]", classCounts[c], 0);
            total += classCounts[c];
        }
        if (total == 0) {
            throw new InvalidParameterException("classCounts", Arrays.toString(classCounts), "must not all be zero");
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalidParameterException("classCounts", "sum " + total, "must fit in an int");
        }
        checkCount("n", n, (int) total);
        int[] quota = new int[classCounts.length];
        long[] remainder = new long[classCounts.length];
        long assigned = 0;
        for (int c = 0; c < classCounts.length; c++) {
            long exact = (long) n * classCounts[c];
            quota[c] = (int) (exact / total);
            remainder[c] = exact % total;
            assigned += quota[c];
        }
        Integer[] order = new Integer[classCounts.length];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int k = 0; assigned < n; k++) {
            quota[order[k]]++;
            assigned++;
        }
        return quota;
    }

    /** Stratified random indices with a seeded generator; see {@link #stratifiedIndices(int[], int, int, UniformRandomProvider)}. */
    public static int[] stratifiedIndices(int[] labels, int numClasses, int n, long seed) {
        return stratifiedIndices(labels, numClasses, n, SOURCE.create(seed));
    }

    /**
     * A stratified random subset of {@code n} indices: class {@code c} contributes {@link #allocate} of its
     * examples, chosen uniformly without replacement (a partial Fisher-Yates shuffle over the class's
     * indices in ascending order; classes are processed in label order, all from the one generator).
     *
     * @return the chosen indices in ascending order
     */
    public static int[] stratifiedIndices(int[] labels, int numClasses, int n, UniformRandomProvider rng) {
        Checks.present("labels", labels);
        Checks.atLeast("numClasses", numClasses, 1);
        Checks.present("rng", rng);
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new InvalidParameterException("labels[" + i + "]", labels[i], "must lie in [0, " + numClasses + ")");
            }
            counts[labels[i]]++;
        }
        int[] quota = allocate(counts, n);
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        int[] out = new int[n];
        int pos = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] pool = byClass[c];
            for (int k = 0; k < quota[c]; k++) {
                int j = k + rng.nextInt(pool.length - k);
                int t = pool[k];
                pool[k] = pool[j];
                pool[j] = t;
                out[pos++] = pool[k];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** A stratified random subset of {@code n} examples, in their original order. */
    public static LabeledData stratified(LabeledData data, int n, long seed) {
        return stratified(data, n, SOURCE.create(seed));
    }

    /** A stratified random subset of {@code n} examples drawn with {@code rng}, in their original order. */
    public static LabeledData stratified(LabeledData data, int n, UniformRandomProvider rng) {
        Checks.present("data", data);
        return data.select(stratifiedIndices(data.labels(), data.numClasses(), n, rng));
    }

    /** A stratified hold-out split with a seeded generator; see {@link #stratifiedHoldOut(LabeledData, int, UniformRandomProvider)}. */
    public static TrainValidation stratifiedHoldOut(LabeledData data, int validationSize, long seed) {
        return stratifiedHoldOut(data, validationSize, SOURCE.create(seed));
    }

    /**
     * Splits {@code data} into disjoint training and validation parts covering every example: the
     * validation part is a stratified random subset of {@code validationSize} examples, the training part
     * is the rest; both keep the original order.
     */
    public static TrainValidation stratifiedHoldOut(LabeledData data, int validationSize, UniformRandomProvider rng) {
        Checks.present("data", data);
        if (data.size() < 2) {
            throw new InvalidParameterException("data.size", data.size(), "must be >= 2 to hold out a validation part");
        }
        if (validationSize < 1 || validationSize >= data.size()) {
            throw new InvalidParameterException("validationSize", validationSize,
                    "must lie in [1, " + (data.size() - 1) + "]");
        }
        int[] validation = stratifiedIndices(data.labels(), data.numClasses(), validationSize, rng);
        boolean[] held = new boolean[data.size()];
        for (int i : validation) {
            held[i] = true;
        }
        int[] train = new int[data.size() - validationSize];
        int pos = 0;
        for (int i = 0; i < held.length; i++) {
            if (!held[i]) {
                train[pos++] = i;
            }
        }
        return new TrainValidation(data.select(train), data.select(validation));
    }

    private static void checkCount(String name, int n, int size) {
        if (n < 1 || n > size) {
            throw new InvalidParameterException(name, n, "must lie in [1, " + size + "]");
        }
    }
}
