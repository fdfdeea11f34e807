package io.salr.reports.tables;

import io.salr.analysis.stats.Holm;
import io.salr.analysis.stats.InsufficientDataException;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.stats.WelchTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Marks the cells of one table row against the row's best cell.
 *
 * <ol>
 *   <li>The best cell has the best mean ({@link MetricSpec#better}); among equal means the leftmost wins.</li>
 *   <li>Every other cell is compared with the best by Welch's two-sided t-test on the per-seed values
 *       ({@link WelchTest}, from the analysis module). A cell is not tested when it or the best has fewer
 *       than 2 seeds ({@code "n too small"}) or both are constant ({@code "zero variance"}).</li>
 *   <li>The p-values of the tested cells of the row form one family and are Holm-adjusted
 *       ({@link Holm}); a cell whose adjusted p-value is at least {@link #ALPHA} is "not significantly
 *       different from the best" ({@link Comparison#NOT_SIGNIFICANT}), otherwise {@link Comparison#SIGNIFICANT}.</li>
 * </ol>
 * The mean and standard deviation of each cell come from {@link Samples} (sample standard deviation,
 * denominator n - 1), the same definitions as the analysis module's summary.
 */
public final class RowComparison {

    /** Family-wise significance level of the marks. */
    public static final double ALPHA = 0.05;

    private RowComparison() {
    }

    /**
     * Builds and marks the cells of one row.
     *
     * @param samples per column, the per-seed values (stored units), or empty where the column has no runs
     * @param metric  the metric (decides which direction is best)
     * @return per column, the marked cell or empty
     */
    public static List<Optional<Cell>> mark(List<Optional<double[]>> samples, MetricSpec metric) {
        int best = -1;
        double bestMean = Double.NaN;
        double[] means = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).isEmpty()) {
                continue;
            }
            double[] x = Samples.atLeast("column " + i, samples.get(i).get(), 1);
            means[i] = Samples.mean(x);
            if (best < 0 || metric.better(means[i], bestMean)) {
                best = i;
                bestMean = means[i];
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("a row needs at least one column with values");
        }
        double[] bestValues = samples.get(best).get();
        Comparison[] comparison = new Comparison[samples.size()];
        String[] reason = new String[samples.size()];
        double[] p = new double[samples.size()];
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).isEmpty()) {
                continue;
            }
            if (i == best) {
                comparison[i] = Comparison.BEST;
                continue;
            }
            try {
                p[i] = WelchTest.test(samples.get(i).get(), bestValues).pTwoSided();
                tested.add(i);
            } catch (InsufficientDataException e) {
                comparison[i] = Comparison.NOT_TESTED;
                reason[i] = e.reason();
            }
        }
        double[] adjusted = Holm.adjust(tested.stream().mapToDouble(i -> p[i]).toArray());
        double[] holm = new double[samples.size()];
        for (int j = 0; j < tested.size(); j++) {
            int i = tested.get(j);
            holm[i] = adjusted[j];
            comparison[i] = adjusted[j] >= ALPHA ? Comparison.NOT_SIGNIFICANT : Comparison.SIGNIFICANT;
        }
        List<Optional<Cell>> cells = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).isEmpty()) {
                cells.add(Optional.empty());
                continue;
            }
            double[] x = samples.get(i).get();
            OptionalDouble std = x.length >= 2 ? OptionalDouble.of(Math.sqrt(Samples.variance(x)))
                    : OptionalDouble.empty();
            boolean isTested = comparison[i] == Comparison.NOT_SIGNIFICANT || comparison[i] == Comparison.SIGNIFICANT;
            cells.add(Optional.of(new Cell(x.length, means[i], std, comparison[i],
                    isTested ? OptionalDouble.of(holm[i]) : OptionalDouble.empty(), Optional.ofNullable(reason[i]))));
        }
        return cells;
    }
}
