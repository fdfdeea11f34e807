/**
 * Entry point of the analysis module: tidy results in, {@code summary.csv} and {@code significance.csv}
 * out (SALR, Sections 5-6: the aggregated result tables and the significance of the comparisons against
 * the reference method). {@link io.salr.analysis.Analysis#run} wires {@link io.salr.analysis.tidy},
 * {@link io.salr.analysis.aggregate}, {@link io.salr.analysis.significance} and
 * {@link io.salr.analysis.output}; the defaults live in {@link io.salr.analysis.AnalysisSettings}. This
 * module knows nothing of DL4J.
 */
package io.salr.analysis;
