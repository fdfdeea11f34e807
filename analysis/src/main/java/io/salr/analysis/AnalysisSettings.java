package io.salr.analysis;

import io.salr.analysis.metric.Metrics;
import io.salr.analysis.significance.FamilyScope;
import io.salr.analysis.stats.Bootstrap;
import java.util.Objects;

/**
 * The analysis's settings; {@link #DEFAULTS} is the one place their default values live.
 *
 * @param bootstrap the bootstrap used for the aggregate intervals across tasks ({@code aggregate.csv})
 * @param seed      the base seed from which every bootstrap's seed is derived
 * @param metrics   metric directions: the built-in ones plus the user's {@code --direction}
 * @param family    the Holm family of the comparisons ({@code --family})
 * @param primary   the primary metric ({@code --primary}), or empty for {@code test_accuracy}
 */
public record AnalysisSettings(Bootstrap bootstrap, long seed, Metrics metrics, FamilyScope family,
                               java.util.Optional<String> primary) {

    /** 10 000 replicates, 95% intervals, base seed 20240229, built-in directions, per-metric families. */
    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(new Bootstrap(10_000, 0.95), 20240229L,
            Metrics.BUILT_IN, FamilyScope.METRIC, java.util.Optional.empty());

    public AnalysisSettings {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(primary, "primary");
    }

    /** Bootstrap and seed given, the other settings at their defaults. */
    public AnalysisSettings(Bootstrap bootstrap, long seed) {
        this(bootstrap, seed, Metrics.BUILT_IN, FamilyScope.METRIC, java.util.Optional.empty());
    }

    public AnalysisSettings withMetrics(Metrics value) {
        return new AnalysisSettings(bootstrap, seed, value, family, primary);
    }

    public AnalysisSettings withFamily(FamilyScope value) {
        return new AnalysisSettings(bootstrap, seed, metrics, value, primary);
    }

    public AnalysisSettings withPrimary(String metric) {
        return new AnalysisSettings(bootstrap, seed, metrics, family, java.util.Optional.of(metric));
    }
}
