package io.salr.reports.figures;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The one place where XChart charts get their common style and are encoded to PNG and SVG. */
final class Charts {

    /** Width of every figure in pixels. */
    static final int WIDTH = 900;
    /** Height of every figure in pixels. */
    static final int HEIGHT = 540;

    private Charts() {
    }

    /** White backgrounds, legend inside the plot, numbers formatted without a locale. */
    static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setLocale(Locale.ROOT);
    }

    /** Encodes a chart as PNG and SVG. */
    static Figure.Rendered encode(Chart<?, ?> chart, String what) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new Figure.Rendered(png, svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render figure '" + what + "': " + e.getMessage(), e);
        }
    }
}
