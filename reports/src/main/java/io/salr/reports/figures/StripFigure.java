package io.salr.reports.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A strip plot: one column of points per group (e.g. the per-seed values of one metric for each method),
 * with the group mean drawn as a diamond. Points of a group are spread horizontally in input order over
 * a fixed width (no random jitter, so the same data give the same picture); the legend below the plot
 * names the groups by colour, in the same left-to-right order.
 */
public final class StripFigure implements Figure {

    /** Half the horizontal spread of a group's points, in units of the distance between groups. */
    static final double SPREAD = 0.15;

    private final String title;
    private final String yLabel;
    private final Map<String, double[]> groups;

    private StripFigure(String title, String yLabel, Map<String, double[]> groups) {
        this.title = title;
        this.yLabel = yLabel;
        this.groups = groups;
    }

    /**
     * A strip plot of the given groups, in map iteration order.
     *
     * @param title  figure title
     * @param yLabel label of the value axis
     * @param groups group name to its values (at least one value each, all finite)
     */
    public static StripFigure of(String title, String yLabel, Map<String, double[]> groups) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yLabel, "yLabel");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a strip figure needs at least one group");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        groups.forEach((name, values) -> {
            Objects.requireNonNull(name, "group name");
            if (values.length == 0) {
                throw new IllegalArgumentException("group '" + name + "' has no values");
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("group '" + name + "' holds a non-finite value " + v);
                }
            }
            copy.put(name, values.clone());
        });
        return new StripFigure(title, yLabel, copy);
    }

    /** The group names, in drawing order. */
    public List<String> groups() {
        return List.copyOf(groups.keySet());
    }

    /** The x offset of point {@code i} of {@code n} from its group's centre: evenly over +-{@link #SPREAD}. */
    static double offset(int i, int n) {
        return n == 1 ? 0 : -SPREAD + 2 * SPREAD * i / (n - 1);
    }

    XYChart toChart() {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(groups.size() - 0.5);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        List<String> names = new ArrayList<>(groups.keySet());
        double[] meanX = new double[names.size()];
        double[] meanY = new double[names.size()];
        for (int g = 0; g < names.size(); g++) {
            double[] values = groups.get(names.get(g));
            double[] x = new double[values.length];
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                x[i] = g + offset(i, values.length);
                sum += values[i];
            }
            XYSeries points = chart.addSeries(names.get(g), x, values);
            points.setMarker(SeriesMarkers.CIRCLE);
            meanX[g] = g;
            meanY[g] = sum / values.length;
        }
        String meanName = "mean";
        while (groups.containsKey(meanName)) {
            meanName = meanName + " ";
        }
        XYSeries means = chart.addSeries(meanName, meanX, meanY);
        means.setMarker(SeriesMarkers.DIAMOND);
        means.setMarkerColor(java.awt.Color.BLACK);
        return chart;
    }

    @Override
    public Rendered render() {
        return Charts.encode(toChart(), title);
    }
}
