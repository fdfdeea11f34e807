package io.salr.analysis.metric;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.tidy.OutcomeFlag;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analysis knows about metrics by name, and the user's additions: which way each improves, which
 * are fractions (accuracies, stored in [0, 1] and shown in percent), which are costs (gradient calls, wall
 * time) rather than results. The built-in table is the one place these facts live; {@code --direction
 * METRIC=lower|higher} adds or overrides entries.
 *
 * <p>Built in: the metrics a run records ({@link Metric}) carry their own direction; of other names, those ending
 * in {@code accuracy} improve upwards and those ending in {@code loss}, {@code error} or {@code perplexity}
 * downwards. Other names have no direction until one is given.
 *
 * @param overrides directions given by the user, by metric name
 */
public record Metrics(Map<String, Direction> overrides) {

    /** The built-in knowledge only. */
    public static final Metrics BUILT_IN = new Metrics(Map.of());

    /** Names that improve downwards though no run records them any more (tidy CSVs of earlier versions). */
    private static final List<String> LOWER = List.of("sharpness", "hessian_top_eigenvalue");

    public Metrics {
        Objects.requireNonNull(overrides, "overrides");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /**
     * Parses {@code METRIC=lower|higher} options, e.g. {@code --direction perplexity=lower}.
     *
     * @throws InvalidMetricException naming the option and its value when one is malformed or repeated
     */
    public static Metrics parse(List<String> options) {
        Map<String, Direction> map = new LinkedHashMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            int eq = option == null ? -1 : option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new InvalidMetricException("--direction", option, "must look like METRIC=lower or METRIC=higher");
            }
            String metric = option.substring(0, eq).trim();
            if (metric.isEmpty() || OutcomeFlag.isFlag(metric)) {
                throw new InvalidMetricException("--direction", option, "must name an ordinary metric (not an outcome flag)");
            }
            if (map.put(metric, Direction.parse(option.substring(eq + 1))) != null) {
                throw new InvalidMetricException("--direction", option, "gives metric '" + metric + "' twice");
            }
        }
        return new Metrics(map);
    }

    /** The direction of a metric: the user's, else the built-in one, else none. */
    public Optional<Direction> direction(String metric) {
        Direction given = overrides.get(metric);
        if (given != null) {
            return Optional.of(given);
        }
        return builtIn(metric);
    }

    /** The built-in direction of a metric name, if it has one. */
    public static Optional<Direction> builtIn(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        Optional<Metric> known = Metric.byId(m);
        if (known.isPresent()) {
            return known.get().direction();
        }
        if (m.endsWith("accuracy")) {
            return Optional.of(Direction.HIGHER_IS_BETTER);
        }
        if (m.endsWith("loss") || m.endsWith("error") || m.endsWith("perplexity") || LOWER.contains(m)) {
            return Optional.of(Direction.LOWER_IS_BETTER);
        }
        return Optional.empty();
    }

    /** Whether a metric is a fraction in [0, 1] shown in percent: every name ending in {@code accuracy}. */
    public static boolean isFraction(String metric) {
        return metric.toLowerCase(Locale.ROOT).endsWith("accuracy");
    }

    /** Whether a metric is a cost (gradient calls, paper calls, iterations, wall time) rather than a result. */
    public static boolean isCost(String metric) {
        return Metric.byId(metric).map(m -> m.kind() == Metric.Kind.COST).orElse(false);
    }

    /**
     * Refuses an accuracy that is not a fraction; report, gate and {@code report --summary} all call this.
     *
     * @param where where the value comes from, for the message (e.g. {@code data row 12})
     * @throws InvalidMetricException naming the metric, the value and where it is
     */
    public static void checkFraction(String metric, double value, String where) {
        if (isFraction(metric) && !(value >= 0 && value <= 1)) {
            throw new InvalidMetricException("value", Numbers.format(value), "of metric '" + metric + "' (" + where
                    + ") must be a fraction in [0, 1]: accuracies are stored as fractions (divide percentages by 100)");
        }
    }

    /** {@link #checkFraction} on every row of tidy results. */
    public static void checkFractions(TidyResults results, String name) {
        List<TidyRow> rows = results.rows();
        for (int i = 0; i < rows.size(); i++) {
            TidyRow r = rows.get(i);
            checkFraction(r.metric(), r.value(), name + " data row " + (i + 1) + ": " + r.dataset() + "/" + r.model()
                    + "/" + r.method() + ", seed " + r.seed());
        }
    }
}
