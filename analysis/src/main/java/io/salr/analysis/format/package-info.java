/**
 * How numbers are written as text in every output of the analysis (CSV cells, notes, Markdown): a leaf that
 * the statistics, the claims and the output formats all use, so none of them depends on another through it.
 */
package io.salr.analysis.format;
