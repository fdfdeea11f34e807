/**
 * Paper-style result tables as typed values: Table I/III (accuracy per network and method), Table II
 * (final sharpness, shown in units of 10^-3) and Table VII (sensitivity to gamma) of the SALR paper
 * (Section VI). Cells are {@code mean (std)} over seeds; the best cell of each row is bold and every
 * other cell is compared with it by Welch's t-test, Holm-adjusted within the row
 * ({@link io.salr.reports.tables.RowComparison}). A cell with fewer than 2 seeds has no standard
 * deviation and says "n too small"; nothing is ever NaN. Rendering lives in {@code io.salr.reports.format}.
 */
package io.salr.reports.tables;
