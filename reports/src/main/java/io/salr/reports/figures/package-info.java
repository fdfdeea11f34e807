/**
 * Figures rendered with XChart to PNG and SVG ({@link io.salr.reports.figures.Figure}): line figures with
 * a shared or per-series x axis, a second y axis, dashed lines and error bars
 * ({@link io.salr.reports.figures.LineFigure}), and strip plots of per-seed values
 * ({@link io.salr.reports.figures.StripFigure}). {@link io.salr.reports.figures.PaperFigures} builds the
 * paper's figures from plain arrays: Fig. 2 (the landscape, drawn by the {@code landscape} command),
 * Fig. 3 left (test error over epochs) and right (S_hat and the learning rate over iterations), and the
 * gamma sensitivity of Table VII with 95% confidence intervals. {@link io.salr.reports.figures.FigureThree}
 * draws Fig. 3 as the paper does: test error against epochs for SGD, Entropy-SGD, Entropy-SGD-SALR and
 * SGD-SALR with a band over seeds, and one run's S_hat and learning rate. Knows nothing of DL4J; it draws
 * plain numbers.
 */
package io.salr.reports.figures;
