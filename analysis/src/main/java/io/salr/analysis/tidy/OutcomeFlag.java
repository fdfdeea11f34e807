package io.salr.analysis.tidy;

import java.util.Optional;

/**
 * The outcome flags: metrics whose value 1 says a run failed. A failed run records the flag (and perhaps its
 * cost, gradient calls and wall time) but no ordinary metric; the analysis counts it, ranks it worst in the
 * rank-based test, and never averages any of its values as a sample. This enum is the one place the set of
 * flags is kept; every count, column and note is derived from it.
 */
public enum OutcomeFlag {
    /** The loss became non-finite or exploded. */
    DIVERGED("diverged"),
    /** The run ended at chance level. */
    COLLAPSED("collapsed");

    private final String metric;

    OutcomeFlag(String metric) {
        this.metric = metric;
    }

    /** The tidy metric name, e.g. {@code diverged}. */
    public String metric() {
        return metric;
    }

    /** The flag a metric name stands for, if it is one. */
    public static Optional<OutcomeFlag> of(String metric) {
        for (OutcomeFlag f : values()) {
            if (f.metric.equals(metric)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a metric name is an outcome flag. */
    public static boolean isFlag(String metric) {
        return of(metric).isPresent();
    }
}
