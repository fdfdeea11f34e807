package io.salr.analysis.metric;

import java.util.Locale;

/**
 * Which way a metric improves. Every comparison reports the <em>improvement</em> of a method over the
 * reference, {@code sign() * (method - reference)}, so a positive number is always good news whatever the metric.
 */
public enum Direction {
    /** Accuracies: improvement = method - reference. */
    HIGHER_IS_BETTER,
    /** Losses, sharpness, eigenvalues, costs: improvement = reference - method. */
    LOWER_IS_BETTER;

    /** +1 or -1: the improvement is {@code sign() * (method - reference)}. */
    public double sign() {
        return this == HIGHER_IS_BETTER ? 1 : -1;
    }

    /** Parses {@code higher} or {@code lower} (case-insensitive). */
    public static Direction parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "higher" -> HIGHER_IS_BETTER;
            case "lower" -> LOWER_IS_BETTER;
            default -> throw new InvalidMetricException("direction", text, "must be higher or lower");
        };
    }

    /** {@code higher is better} or {@code lower is better}. */
    public String describe() {
        return this == HIGHER_IS_BETTER ? "higher is better" : "lower is better";
    }

    /** {@code higher} or {@code lower}, as a CSV cell. */
    public String word() {
        return this == HIGHER_IS_BETTER ? "higher" : "lower";
    }
}
