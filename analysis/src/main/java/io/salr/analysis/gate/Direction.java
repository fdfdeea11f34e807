package io.salr.analysis.gate;

import java.util.Locale;
import java.util.Optional;

/** Which way a metric improves; the gate tests the improvement of the candidate over the baseline. */
public enum Direction {
    /** Accuracies: improvement = candidate - baseline. */
    HIGHER_IS_BETTER,
    /** Losses and errors: improvement = baseline - candidate. */
    LOWER_IS_BETTER;

    /** +1 or -1: the improvement is {@code sign() * (candidate - baseline)}. */
    public double sign() {
        return this == HIGHER_IS_BETTER ? 1 : -1;
    }

    /**
     * The direction a metric name implies: names ending in {@code accuracy} improve upwards, names ending
     * in {@code loss} or {@code error} downwards; other names (sharpness, wall time, ...) imply none.
     */
    public static Optional<Direction> implied(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.endsWith("accuracy")) {
            return Optional.of(HIGHER_IS_BETTER);
        }
        if (m.endsWith("loss") || m.endsWith("error")) {
            return Optional.of(LOWER_IS_BETTER);
        }
        return Optional.empty();
    }

    /** Parses {@code higher} or {@code lower} (case-insensitive). */
    public static Direction parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "higher" -> HIGHER_IS_BETTER;
            case "lower" -> LOWER_IS_BETTER;
            default -> throw new InvalidGateInputException("direction", text, "must be higher or lower");
        };
    }

    /** {@code higher is better} or {@code lower is better}. */
    public String describe() {
        return this == HIGHER_IS_BETTER ? "higher is better" : "lower is better";
    }
}
