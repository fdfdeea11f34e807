package io.salr.reports.tables;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One cell of a paper-style table: the mean and standard deviation over the finished runs of one metric for
 * one method configuration on one network, the failed runs beside them, and how it compares with the best
 * cell of its row.
 *
 * @param n          number of finished runs (seeds), &gt;= 0
 * @param failed     number of failed runs (diverged, collapsed), &gt;= 0; n + failed &gt;= 1
 * @param mean       mean over the finished runs (stored units), empty when n = 0
 * @param std        sample standard deviation (stored units), empty when n &lt; 2
 * @param comparison how the cell compares with its row's best
 * @param holmP      the Holm-adjusted p-value against the best, present when tested
 * @param reason     why no test was possible, present exactly when {@code comparison} is
 *                   {@link Comparison#NOT_TESTED} (e.g. {@code "n too small"})
 */
public record Cell(int n, int failed, OptionalDouble mean, OptionalDouble std, Comparison comparison,
                   OptionalDouble holmP, Optional<String> reason) {

    public Cell {
        if (n < 0 || failed < 0 || n + failed < 1) {
            throw new IllegalArgumentException("a cell needs n >= 0, failed >= 0 and at least one run, got " + n
                    + " and " + failed);
        }
        Objects.requireNonNull(mean, "mean");
        if (mean.isPresent() != (n >= 1) || (mean.isPresent() && !Double.isFinite(mean.getAsDouble()))) {
            throw new IllegalArgumentException("mean must be finite and present exactly when n >= 1 (n = " + n + ")");
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

    /** Whether the cell has too few finished runs for a standard deviation. */
    public boolean nTooSmall() {
        return n < 2;
    }
}
