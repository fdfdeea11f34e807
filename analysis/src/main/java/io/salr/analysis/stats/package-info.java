/**
 * The statistics behind the paper's comparisons (SALR, Sections 5-6: "mean over seeds" tables and the
 * claims that SALR matches or beats its base optimiser), made testable.
 *
 * <p>Commons Math supplies what it has (Welch's t p-value, Student-t quantiles, normal tail, the exact
 * Wilcoxon signed-rank p for tie-free data); the rest is written here and tested against SciPy reference
 * values: the exact Mann-Whitney U test with ties ({@link io.salr.analysis.stats.MannWhitneyExact}), the
 * exact signed-rank test with ties and zero differences ({@link io.salr.analysis.stats.WilcoxonSignedRank}),
 * Holm's step-down adjustment, Hedges' g and Vargha-Delaney A12, the interquartile mean, a seeded
 * percentile bootstrap, and the minimum detectable effect. All methods are pure functions of their
 * arguments; randomness comes only from an explicit seed. Inputs are guarded in {@link
 * io.salr.analysis.stats.Samples}; too little data raises {@link
 * io.salr.analysis.stats.InsufficientDataException} rather than producing NaN.
 */
package io.salr.analysis.stats;
