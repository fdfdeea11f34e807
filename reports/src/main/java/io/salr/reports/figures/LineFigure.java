package io.salr.reports.figures;

import io.salr.analysis.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line figure of one or more series over a shared x axis, rendered with XChart to PNG and SVG.
 * Series may sit on a second y axis (for quantities of a different scale, e.g. f next to its
 * sharpness in Fig. 2). The figure is an immutable description; {@link #write} renders it.
 */
public final class LineFigure {

    /**
     * One curve: a legend name, its y values, whether it belongs to the right-hand axis, and whether it
     * is drawn dashed (so that a curve lying on top of another stays visible).
     */
    public record Series(String name, double[] y, boolean secondaryAxis, boolean dashed) {
        public Series {
            Objects.requireNonNull(name, "name");
            y = y.clone();
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String secondaryYLabel;
    private final double[] x;
    private final List<Series> series;

    private LineFigure(String title, String xLabel, String yLabel, String secondaryYLabel, double[] x, List<Series> series) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.secondaryYLabel = secondaryYLabel;
        this.x = x;
        this.series = List.copyOf(series);
    }

    /** Starts a figure over the given x values. */
    public static Builder over(double[] x) {
        return new Builder(x);
    }

    /** Collects the parts of a figure. */
    public static final class Builder {
        private final double[] x;
        private final List<Series> series = new ArrayList<>();
        private String title = "";
        private String xLabel = "x";
        private String yLabel = "y";
        private String secondaryYLabel = "";

        private Builder(double[] x) {
            if (x.length < 2) {
                throw new IllegalArgumentException("a line figure needs at least 2 x values, got " + x.length);
            }
            this.x = x.clone();
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder axes(String xAxis, String yAxis) {
            this.xLabel = xAxis;
            this.yLabel = yAxis;
            return this;
        }

        public Builder secondaryAxis(String label) {
            this.secondaryYLabel = label;
            return this;
        }

        public Builder line(String name, double[] y) {
            return add(new Series(name, y, false, false));
        }

        public Builder dashedLine(String name, double[] y) {
            return add(new Series(name, y, false, true));
        }

        public Builder lineOnSecondaryAxis(String name, double[] y) {
            return add(new Series(name, y, true, false));
        }

        private Builder add(Series s) {
            if (s.y().length != x.length) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.y().length
                        + " values but the x axis has " + x.length);
            }
            for (double v : s.y()) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("series '" + s.name() + "' holds a non-finite value " + v);
                }
            }
            series.add(s);
            return this;
        }

        public LineFigure build() {
            if (series.isEmpty()) {
                throw new IllegalArgumentException("a line figure needs at least one series");
            }
            return new LineFigure(title, xLabel, yLabel, secondaryYLabel, x, series);
        }
    }

    /** The series, in drawing order. */
    public List<Series> series() {
        return series;
    }

    XYChart toChart() {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        boolean secondary = false;
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), x, s.y());
            xy.setMarker(SeriesMarkers.NONE);
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
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        }
        return chart;
    }

    /**
     * Writes {@code base.png} and {@code base.svg} atomically.
     *
     * @param base the output path without extension
     * @return the two files written, PNG first
     */
    public List<Path> write(Path base) {
        XYChart chart = toChart();
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        try {
            byte[] pngBytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svgBytes = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svgBytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            AtomicFiles.writeBytes(png, pngBytes);
            AtomicFiles.writeBytes(svg, svgBytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render figure " + base + ": " + e.getMessage(), e);
        }
        return List.of(png, svg);
    }
}
