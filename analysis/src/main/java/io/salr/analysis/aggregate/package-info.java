/**
 * Aggregation over seeds: one {@link io.salr.analysis.aggregate.SummaryRow} per (dataset, model, method,
 * hyperparameters including gamma, metric), the "mean +- std over seeds" numbers of the paper's result
 * tables (SALR, Sections 5-6), plus robust companions (median, interquartile mean with a bootstrap
 * interval), the divergence count, and the minimum detectable effect for the number of seeds.
 *
 * <p>Divergence is modelled as data: a run reports the metric {@code diverged} with value 0 or 1. A
 * group's {@code diverged} count is the number of distinct (study, seed) runs of its configuration
 * (dataset, model, method, hyperparameters) whose {@code diverged} row is 1; it is the same for every
 * metric of that configuration, and 0 when no {@code diverged} rows exist. A diverged run's other metrics
 * are aggregated like any other value if present (they must be finite numbers to be present at all).
 */
package io.salr.analysis.aggregate;
