package io.salr.reports.figures;

import java.util.Map;
import java.util.Objects;

/**
 * The paper's figures as functions of plain arrays, so that any source (the tidy results, the store's
 * per-epoch and per-iteration files, a test) can feed them.
 */
public final class PaperFigures {

    /**
     * One curve over its own x values, e.g. a method's test error against gradient calls.
     *
     * @param x the x values (e.g. gradient calls)
     * @param y the y values, as many as x
     */
    public record Curve(double[] x, double[] y) {
        public Curve {
            x = x.clone();
            y = y.clone();
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("a curve needs as many y as x values and at least one, got "
                        + x.length + " x and " + y.length + " y values");
            }
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    private PaperFigures() {
    }

    /**
     * Fig. 3 (left): test error over training, one curve per method, against gradient calls spent (the
     * unit in which budgets are matched; methods run different numbers of epochs within one budget).
     *
     * @param title    figure title, e.g. the network
     * @param perMethod method name to its curve, drawn in map order
     */
    public static LineFigure testErrorCurves(String title, Map<String, Curve> perMethod) {
        if (perMethod.isEmpty()) {
            throw new IllegalArgumentException("test error curves need at least one method");
        }
        LineFigure.Builder b = LineFigure.curves().title(title).axes("gradient calls", "test error");
        perMethod.forEach((method, curve) -> b.curve(method, curve.x, curve.y));
        return b.build();
    }

    /**
     * Fig. 3 (right): S_hat (left axis) and the learning rate (right axis) over the iterations of a SALR run.
     */
    public static LineFigure sharpnessAndRate(String title, double[] iterations, double[] sHat,
                                              double[] learningRate) {
        return LineFigure.over(iterations).title(title).axes("iteration", "S_hat")
                .secondaryAxis("learning rate")
                .line("S_hat", sHat)
                .lineOnSecondaryAxis("learning rate", learningRate)
                .build();
    }

    /**
     * Table VII as a figure: the mean of a metric per gamma with error bars of +-{@code halfWidths}
     * (e.g. the 95% confidence interval of the mean), gamma on a logarithmic axis.
     */
    public static LineFigure gammaSensitivity(String title, String metricLabel, double[] gammas, double[] means,
                                              double[] halfWidths) {
        Objects.requireNonNull(metricLabel, "metricLabel");
        return LineFigure.over(gammas).title(title).axes("gamma", metricLabel).logarithmicX()
                .lineWithErrorBars("mean +- 95% CI", means, halfWidths)
                .build();
    }

    /** Per-seed values of one metric for each method, as a strip plot with the means marked. */
    public static StripFigure perSeed(String title, String metricLabel, Map<String, double[]> perMethod) {
        return StripFigure.of(title, metricLabel, perMethod);
    }
}
