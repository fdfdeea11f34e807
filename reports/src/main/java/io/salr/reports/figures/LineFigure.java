package io.salr.reports.figures;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line figure of one or more series, rendered with XChart to PNG and SVG.
 *
 * <p>Series either share one x axis ({@link #over(double[])}, e.g. the theta grid of Fig. 2 or the
 * iterations of Fig. 3 right) or each bring their own x values ({@link #curves()}, e.g. test error per
 * epoch of methods trained for different numbers of epochs, Fig. 3 left). A series may sit on a second
 * y axis (a quantity of another scale, such as f next to its sharpness, or the learning rate next to
 * S_hat), may be dashed (so that a curve lying on top of another stays visible), and may carry symmetric
 * error bars (e.g. a 95% confidence interval of a mean). The figure is an immutable description;
 * {@link #render()} draws it.
 */
public final class LineFigure implements Figure {

    /**
     * One curve.
     *
     * @param name          legend name, verbatim (XChart escapes it in the SVG)
     * @param x             x values
     * @param y             y values, as many as x, all finite
     * @param errors        half-widths of error bars, as many as y, all finite and &gt;= 0; empty for none
     * @param secondaryAxis whether the series belongs to the right-hand y axis
     * @param dashed        whether the line is dashed
     */
    public record Series(String name, double[] x, double[] y, double[] errors, boolean secondaryAxis,
                         boolean dashed) {
        public Series {
            Objects.requireNonNull(name, "name");
            x = x.clone();
            y = y.clone();
            errors = errors.clone();
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + y.length
                        + " y values but " + x.length + " x values");
            }
            if (x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' has no values");
            }
            if (errors.length != 0 && errors.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + errors.length
                        + " error bars but " + y.length + " values");
            }
            requireFinite(name, "x", x);
            requireFinite(name, "y", y);
            requireFinite(name, "error bar", errors);
            for (double e : errors) {
                if (e < 0) {
                    throw new IllegalArgumentException("series '" + name + "' has a negative error bar " + e);
                }
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

        @Override
        public double[] errors() {
            return errors.clone();
        }

        private static void requireFinite(String name, String what, double[] values) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("series '" + name + "' holds a non-finite " + what
                            + " value " + v);
                }
            }
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String secondaryYLabel;
    private final boolean logX;
    private final List<Series> series;

    private LineFigure(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.secondaryYLabel = b.secondaryYLabel;
        this.logX = b.logX;
        this.series = List.copyOf(b.series);
    }

    /** Starts a figure whose series all share the given x values (at least 2). */
    public static Builder over(double[] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("a line figure needs at least 2 x values, got " + x.length);
        }
        return new Builder(x.clone());
    }

    /** Starts a figure whose series each bring their own x values ({@link Builder#curve}). */
    public static Builder curves() {
        return new Builder(null);
    }

    /** Collects the parts of a figure. */
    public static final class Builder {
        private final double[] sharedX;
        private final List<Series> series = new ArrayList<>();
        private String title = "";
        private String xLabel = "x";
        private String yLabel = "y";
        private String secondaryYLabel = "";
        private boolean logX;

        private Builder(double[] sharedX) {
            this.sharedX = sharedX;
        }

        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        public Builder axes(String xAxis, String yAxis) {
            this.xLabel = Objects.requireNonNull(xAxis, "xAxis");
            this.yLabel = Objects.requireNonNull(yAxis, "yAxis");
            return this;
        }

        public Builder secondaryAxis(String label) {
            this.secondaryYLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Draws the x axis on a logarithmic scale; every x value must then be positive. */
        public Builder logarithmicX() {
            this.logX = true;
            return this;
        }

        /** A solid line over the shared x values. */
        public Builder line(String name, double[] y) {
            return add(new Series(name, shared(name), y, new double[0], false, false));
        }

        /** A dashed line over the shared x values. */
        public Builder dashedLine(String name, double[] y) {
            return add(new Series(name, shared(name), y, new double[0], false, true));
        }

        /** A solid line over the shared x values, on the right-hand y axis. */
        public Builder lineOnSecondaryAxis(String name, double[] y) {
            return add(new Series(name, shared(name), y, new double[0], true, false));
        }

        /** A solid line over the shared x values with symmetric error bars of the given half-widths. */
        public Builder lineWithErrorBars(String name, double[] y, double[] halfWidths) {
            return add(new Series(name, shared(name), y, halfWidths, false, false));
        }

        /** A solid line over its own x values (figures started with {@link #curves()}). */
        public Builder curve(String name, double[] x, double[] y) {
            if (sharedX != null) {
                throw new IllegalStateException("this figure shares one x axis; use line(name, y)");
            }
            return add(new Series(name, x, y, new double[0], false, false));
        }

        /** A solid line over its own x values with symmetric error bars (figures started with {@link #curves()}). */
        public Builder curveWithErrorBars(String name, double[] x, double[] y, double[] halfWidths) {
            if (sharedX != null) {
                throw new IllegalStateException("this figure shares one x axis; use lineWithErrorBars(name, y, halfWidths)");
            }
            return add(new Series(name, x, y, halfWidths, false, false));
        }

        private double[] shared(String name) {
            if (sharedX == null) {
                throw new IllegalStateException("series '" + name
                        + "' needs a shared x axis; this figure was started with curves(): use curve(name, x, y)");
            }
            return sharedX;
        }

        private Builder add(Series s) {
            for (Series other : series) {
                if (other.name().equals(s.name())) {
                    throw new IllegalArgumentException("two series are named '" + s.name() + "'");
                }
            }
            series.add(s);
            return this;
        }

        public LineFigure build() {
            if (series.isEmpty()) {
                throw new IllegalArgumentException("a line figure needs at least one series");
            }
            if (logX) {
                for (Series s : series) {
                    for (double v : s.x) {
                        if (!(v > 0)) {
                            throw new IllegalArgumentException("a logarithmic x axis needs positive x values; series '"
                                    + s.name() + "' has " + v);
                        }
                    }
                }
            }
            return new LineFigure(this);
        }
    }

    /** The series, in drawing order. */
    public List<Series> series() {
        return series;
    }

    /** The figure's title. */
    public String title() {
        return title;
    }

    XYChart toChart() {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        boolean secondary = false;
        for (Series s : series) {
            XYSeries xy = s.errors.length == 0 ? chart.addSeries(s.name(), s.x, s.y)
                    : chart.addSeries(s.name(), s.x, s.y, s.errors);
            boolean markers = s.errors.length > 0 || s.x.length == 1;
            xy.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xy.setLineStyle(s.dashed()
                    ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                    : new BasicStroke(2f));
            if (s.secondaryAxis()) {
                xy.setYAxisGroup(1);
                secondary = true;
            }
        }
        if (secondary) {
            chart.setYAxisGroupTitle(1, secondaryYLabel);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    @Override
    public Rendered render() {
        return Charts.encode(toChart(), title);
    }

    /**
     * Writes {@code base.png} and {@code base.svg} atomically.
     *
     * @param base the output path without extension
     * @return the two files written, PNG first
     */
    @Override
    public List<Path> write(Path base) {
        return Figure.super.write(base);
    }
}
