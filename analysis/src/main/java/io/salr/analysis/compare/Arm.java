package io.salr.analysis.compare;

import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One side of a comparison: the values of the runs that finished, their seeds (for pairing), and how many
 * runs failed, per outcome flag. Failed runs have no value; they are counted, never averaged.
 *
 * @param values   the finished runs' values, finite
 * @param seeds    the seed of each value, index-aligned, or empty when unknown (no pairing then)
 * @param failures failed runs per flag (absent flags count 0)
 */
public record Arm(double[] values, List<Long> seeds, Map<OutcomeFlag, Integer> failures) {

    public Arm {
        Objects.requireNonNull(values, "values");
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite, was " + values[i]);
            }
        }
        seeds = List.copyOf(seeds);
        if (!seeds.isEmpty() && seeds.size() != values.length) {
            throw new IllegalArgumentException("seeds must be empty or one per value: " + seeds.size() + " seeds for "
                    + values.length + " values");
        }
        Map<OutcomeFlag, Integer> copy = new EnumMap<>(OutcomeFlag.class);
        for (OutcomeFlag f : OutcomeFlag.values()) {
            int count = failures.getOrDefault(f, 0);
            if (count < 0) {
                throw new IllegalArgumentException("failures of " + f.metric() + " must be >= 0, was " + count);
            }
            copy.put(f, count);
        }
        failures = Collections.unmodifiableMap(copy);
        if (values.length + copy.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("an arm needs at least one run");
        }
    }

    /** Finished runs only, seeds unknown. */
    public static Arm of(double... values) {
        return new Arm(values, List.of(), Map.of());
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Finished runs with a value. */
    public int n() {
        return values.length;
    }

    /** Failed runs, all flags together. */
    public int nFailed() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Failed runs with one flag. */
    public int failed(OutcomeFlag flag) {
        return failures.get(flag);
    }

    /** Mean of the finished runs (exact for a constant sample); requires n &gt;= 1. */
    double mean() {
        return Samples.mean(values);
    }
}
