/**
 * Tidy results: one row per (study, dataset, model, method, hyperparameters, seed, metric) with its value.
 *
 * <p>This is the hand-off format between whatever produced the runs (the harness's store exporter, or
 * any other tool) and the analysis of the paper's experiments (SALR, Sections 5 and 6: every table there
 * reports a metric aggregated over seeds per dataset, model and method). {@link
 * io.salr.analysis.tidy.TidyResults#read(java.nio.file.Path)} parses and validates a tidy CSV with the
 * columns {@code study,dataset,model,method,gamma,seed,metric,value} plus any number of extra
 * hyperparameter columns; {@link io.salr.analysis.tidy.TidyResults#of(java.util.List, java.util.List)}
 * builds the same in-memory value from rows produced elsewhere. Strings are kept verbatim; escaping for
 * HTML or LaTeX belongs to the reports module.
 */
package io.salr.analysis.tidy;
