/**
 * A paper's own numbers tested at face value: a published table of "mean (std) over n seeds" (the SALR paper's
 * Tables I-VII report 10 seeds, Section VI) read as summary statistics, every method compared with a reference
 * by Welch's test from the statistics alone, with its interval, Hedges' g and the minimum detectable effect.
 * {@code salr report --summary FILE} writes the result.
 */
package io.salr.analysis.published;
