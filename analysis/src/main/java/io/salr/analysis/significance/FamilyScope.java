package io.salr.analysis.significance;

import io.salr.analysis.metric.InvalidMetricException;
import java.util.Locale;

/**
 * Which comparisons share one Holm adjustment. Cost metrics (gradient calls, wall time) are descriptive and
 * always form their own family per network and metric, whatever the scope.
 */
public enum FamilyScope {
    /** The methods of one (dataset, model, metric): the narrowest family. */
    METRIC,
    /** Every method and every result metric of one (dataset, model). */
    NETWORK,
    /** One metric over every network: the paper-level family ("better on every network"). */
    STUDY;

    /** Parses {@code metric}, {@code network} or {@code study}. */
    public static FamilyScope parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "metric" -> METRIC;
            case "network" -> NETWORK;
            case "study" -> STUDY;
            default -> throw new InvalidMetricException("--family", text, "must be metric, network or study");
        };
    }

    /** The lower-case word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a family of this scope holds, in words. */
    public String describe() {
        return switch (this) {
            case METRIC -> "the methods of one network and metric";
            case NETWORK -> "every method and result metric of one network";
            case STUDY -> "one metric over every network (the paper-level family)";
        };
    }
}
