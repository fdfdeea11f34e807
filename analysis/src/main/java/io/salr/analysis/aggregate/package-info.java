/**
 * Aggregation over seeds: one {@link io.salr.analysis.aggregate.SummaryRow} per (dataset, model, method,
 * hyperparameters including gamma, metric), the "mean (std) over seeds" numbers of the paper's result tables
 * (SALR, Section VI), with the Student t interval of the mean, robust companions (median, interquartile mean),
 * the failure counts and the minimum detectable effect for the number of seeds.
 *
 * <p>Failures are data: a run reports each {@link io.salr.analysis.tidy.OutcomeFlag} ({@code diverged},
 * {@code collapsed}) with value 0 or 1. A run (a study and seed of a configuration) whose flag is 1 failed: it is
 * counted in every row of its configuration ({@code n_diverged}, {@code n_collapsed}) and none of its values is
 * a sample, not even a recorded cost. {@link io.salr.analysis.aggregate.Runs} does this regrouping once for the
 * summary and the comparisons.
 */
package io.salr.analysis.aggregate;
