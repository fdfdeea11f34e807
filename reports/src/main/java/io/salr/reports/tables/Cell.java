package io.salr.reports.tables;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One cell of a paper-style table: the mean and standard deviation over seeds of one metric for one
 * method configuration on one network, and how it compares with the best cell of its row.
 *
 * @param n          number of seeds, at least 1
 * @param mean       mean over seeds (stored units)
 * @param std        sample standard deviation (stored units), empty when n &lt; 2
 * @param comparison how the cell compares with its row's best
 * @param holmP      the Holm-adjusted Welch p-value against the best, present when tested
 * @param reason     why no test was possible, present exactly when {@code comparison} is
 *                   {@link Comparison#NOT_TESTED} (e.g. {@code "n too small"})
 */
public record Cell(int n, double mean, OptionalDouble std, Comparison comparison, OptionalDouble holmP,
                   Optional<String> reason) {

    public Cell {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, was " + mean);
        }
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(holmP, "holmP");
        Objects.requireNonNull(reason, "reason");
        if (std.isPresent() != (n >= 2)) {
            throw new IllegalArgumentException("std must be present exactly when n >= 2 (n = " + n + ")");
        }
        if (reason.isPresent() != (comparison == Comparison.NOT_TESTED)) {
            throw new IllegalArgumentException("a reason belongs to untested cells only (comparison "
                    + comparison + ", reason " + reason + ")");
        }
        boolean tested = comparison == Comparison.NOT_SIGNIFICANT || comparison == Comparison.SIGNIFICANT;
        if (holmP.isPresent() != tested) {
            throw new IllegalArgumentException("holmP must be present exactly for tested cells (comparison "
                    + comparison + ")");
        }
    }

    /** Whether the cell has too few seeds for a standard deviation. */
    public boolean nTooSmall() {
        return n < 2;
    }
}
