package io.salr.analysis.tidy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One observation: the value of one metric for one run (one seed of one method configuration).
 *
 * @param study            free-form study name, kept verbatim (not part of the aggregation key)
 * @param dataset          dataset name, non-blank
 * @param model            model name, non-blank
 * @param method           method name, non-blank (e.g. {@code sgd}, {@code sgd-salr})
 * @param gamma            the SALR/SAM gamma, absent for methods that have none
 * @param seed             the run's seed
 * @param metric           metric name, non-blank; an {@link OutcomeFlag} metric (e.g. {@value #DIVERGED}) is a
 *                         0/1 flag that says whether the run failed
 * @param value            the metric's value, finite; for an outcome flag exactly 0 or 1
 * @param hyperparameters  extra hyperparameter columns, name to verbatim text, in column order
 */
public record TidyRow(String study, String dataset, String model, String method, OptionalDouble gamma,
                      long seed, String metric, double value, Map<String, String> hyperparameters) {

    /** The metric name that marks a run as diverged (value 1) or not (value 0). */
    public static final String DIVERGED = "diverged";

    public TidyRow {
        Objects.requireNonNull(study, "study");
        nonBlank("dataset", dataset);
        nonBlank("model", model);
        nonBlank("method", method);
        Objects.requireNonNull(gamma, "gamma");
        if (gamma.isPresent() && !Double.isFinite(gamma.getAsDouble())) {
            throw new IllegalArgumentException("gamma must be finite, was " + gamma.getAsDouble());
        }
        nonBlank("metric", metric);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value + " (metric '" + metric + "')");
        }
        if (OutcomeFlag.isFlag(metric) && value != 0.0 && value != 1.0) {
            throw new IllegalArgumentException("value of metric '" + metric + "' must be 0 or 1, was " + value);
        }
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        hyperparameters = frozen(hyperparameters);
    }

    /**
     * An unmodifiable copy of {@code hyperparameters} in its order, or the map itself when it is already such a
     * copy: rows of one configuration can share one map (a tidy file of a million rows has a few hundred).
     */
    public static Map<String, String> frozen(Map<String, String> hyperparameters) {
        if (hyperparameters instanceof Frozen) {
            return hyperparameters;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        hyperparameters.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "hyperparameter name"),
                Objects.requireNonNull(v, "hyperparameter '" + k + "'")));
        return new Frozen(copy);
    }

    /** An unmodifiable ordered map of hyperparameter names to texts (equal to any map with the same entries). */
    private static final class Frozen extends java.util.AbstractMap<String, String> {
        private final Map<String, String> view;
        private final int hash;

        Frozen(Map<String, String> entries) {
            this.view = Collections.unmodifiableMap(entries);
            this.hash = entries.hashCode();
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
            return view.entrySet();
        }

        @Override
        public String get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Whether this row is a divergence flag that says the run diverged. */
    public boolean isDivergedFlag() {
        return DIVERGED.equals(metric) && value == 1.0;
    }

    /** The outcome flag this row raises: present when the metric is a flag and its value is 1. */
    public java.util.Optional<OutcomeFlag> failure() {
        return value == 1.0 ? OutcomeFlag.of(metric) : java.util.Optional.empty();
    }

    /** Whether this row is an outcome flag (raised or not) rather than an ordinary metric value. */
    public boolean isOutcomeFlag() {
        return OutcomeFlag.isFlag(metric);
    }

    private static void nonBlank(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-blank string, was '" + text + "'");
        }
    }
}
