/**
 * Significance of each method against a reference method (by default {@code sgd-salr}), per dataset,
 * model and metric: the test behind the paper's claims that SALR improves on or matches its base
 * optimiser (SALR, Sections 5-6), with Welch's t, an exact Mann-Whitney U, Holm's adjustment over the
 * methods of one table, Hedges' g, A12 and a seeded bootstrap interval of the mean difference.
 *
 * <p>The metric {@code diverged} is not tested (its count is in the summary). A (dataset, model, metric)
 * without the reference method yields no rows. A method with several hyperparameter configurations in
 * one (dataset, model, metric) gets one row per configuration, labelled
 * {@code method[gamma=...;name=value]}; the reference must have exactly one configuration there.
 */
package io.salr.analysis.significance;
