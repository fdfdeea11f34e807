/**
 * Figures rendered with XChart to PNG and SVG ({@link io.salr.reports.figures.Figure}): line figures with
 * a shared or per-series x axis, a second y axis, dashed lines and error bars
 * ({@link io.salr.reports.figures.LineFigure}), and strip plots of per-seed values
 * ({@link io.salr.reports.figures.StripFigure}). {@link io.salr.reports.figures.PaperFigures} builds the
 * paper's figures from plain arrays: Fig. 2 (the landscape, drawn by the {@code landscape} command),
 * Fig. 3 left (test error over epochs) and right (S_hat and the learning rate over iterations), and the
 * gamma sensitivity of Table VII with 95% confidence intervals. Knows nothing of DL4J; it draws plain numbers.
 */
package io.salr.reports.figures;
