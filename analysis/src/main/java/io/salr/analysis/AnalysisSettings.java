package io.salr.analysis;

import io.salr.analysis.stats.Bootstrap;
import java.util.Objects;

/**
 * The analysis's settings; {@link #DEFAULTS} is the one place their default values live.
 *
 * @param bootstrap the bootstrap used for every interval
 * @param seed      the base seed from which every interval's seed is derived
 */
public record AnalysisSettings(Bootstrap bootstrap, long seed) {

    /** 10 000 replicates, 95% percentile intervals, base seed 20240229. */
    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(new Bootstrap(10_000, 0.95), 20240229L);

    public AnalysisSettings {
        Objects.requireNonNull(bootstrap, "bootstrap");
    }
}
