package io.salr.reports.tables;

import io.salr.analysis.compare.Arm;
import io.salr.analysis.compare.Compare;
import io.salr.analysis.compare.Family;
import io.salr.analysis.compare.Hypothesis;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.stats.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Marks the cells of one table row against the row's best cell.
 *
 * <ol>
 *   <li>The best cell has the best mean over its finished runs ({@link MetricSpec#better}); among equal means
 *       the leftmost wins. A cell whose runs all failed has no mean and is never best.</li>
 *   <li>Every other cell is compared with the best by the analysis module's {@link Compare} (two-sided: the
 *       exact Mann-Whitney test over every run, failed runs ranked worst, so two columns that collapsed to the
 *       same value get p = 1, never NaN). A cell is not tested when it or the best has fewer than 2 finished
 *       runs ({@code "n too small"}).</li>
 *   <li>The p-values of the tested cells of the row form one family and are Holm-adjusted ({@link Family});
 *       a cell whose adjusted p-value is at least {@link #ALPHA} is "not significantly different from the best"
 *       ({@link Comparison#NOT_SIGNIFICANT}), otherwise {@link Comparison#SIGNIFICANT}.</li>
 * </ol>
 * The mean and standard deviation of each cell come from {@link Samples} (sample standard deviation,
 * denominator n - 1, exactly 0 for a constant sample), the same definitions as the analysis module's summary.
 */
public final class RowComparison {

    /** Family-wise significance level of the marks. */
    public static final double ALPHA = 0.05;

    private RowComparison() {
    }

    /** {@link #markRuns} for columns without failed runs. */
    public static List<Optional<Cell>> mark(List<Optional<double[]>> samples, MetricSpec metric) {
        return markRuns(samples.stream().map(o -> o.map(Arm::of)).toList(), metric);
    }

    /**
     * Builds and marks the cells of one row.
     *
     * @param arms   per column, its finished runs and failures, or empty where the column has no runs
     * @param metric the metric (decides which direction is best)
     * @return per column, the marked cell or empty
     */
    public static List<Optional<Cell>> markRuns(List<Optional<Arm>> arms, MetricSpec metric) {
        int best = -1;
        double bestMean = Double.NaN;
        double[] means = new double[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).isEmpty() || arms.get(i).get().n() == 0) {
                continue;
            }
            means[i] = Samples.mean(arms.get(i).get().values());
            if (best < 0 || metric.better(means[i], bestMean)) {
                best = i;
                bestMean = means[i];
            }
        }
        if (best < 0 && arms.stream().noneMatch(Optional::isPresent)) {
            throw new IllegalArgumentException("a row needs at least one column with values");
        }
        Optional<Direction> direction = Optional.of(metric.higherIsBetter() ? Direction.HIGHER_IS_BETTER
                : Direction.LOWER_IS_BETTER);
        Comparison[] comparison = new Comparison[arms.size()];
        String[] reason = new String[arms.size()];
        List<Integer> tested = new ArrayList<>();
        List<io.salr.analysis.compare.Comparison> family = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).isEmpty()) {
                continue;
            }
            if (i == best) {
                comparison[i] = Comparison.BEST;
                continue;
            }
            Arm arm = arms.get(i).get();
            if (best < 0 || arm.n() < 2 || arms.get(best).get().n() < 2) {
                comparison[i] = Comparison.NOT_TESTED;
                reason[i] = arm.n() == 0 ? "no finished run" : Samples.N_TOO_SMALL;
                continue;
            }
            io.salr.analysis.compare.Comparison c = Compare.of(arm, arms.get(best).get(), direction, Hypothesis.DIFFERENCE);
            if (c.p().isEmpty()) {
                comparison[i] = Comparison.NOT_TESTED;
                reason[i] = Samples.N_TOO_SMALL;
                continue;
            }
            tested.add(i);
            family.add(c);
        }
        List<io.salr.analysis.compare.Comparison> adjusted = Family.holm(family);
        double[] holm = new double[arms.size()];
        for (int j = 0; j < tested.size(); j++) {
            int i = tested.get(j);
            holm[i] = adjusted.get(j).adjustedP().getAsDouble();
            comparison[i] = holm[i] >= ALPHA ? Comparison.NOT_SIGNIFICANT : Comparison.SIGNIFICANT;
        }
        List<Optional<Cell>> cells = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).isEmpty()) {
                cells.add(Optional.empty());
                continue;
            }
            Arm arm = arms.get(i).get();
            double[] x = arm.values();
            OptionalDouble std = x.length >= 2 ? OptionalDouble.of(Samples.std(x)) : OptionalDouble.empty();
            boolean isTested = comparison[i] == Comparison.NOT_SIGNIFICANT || comparison[i] == Comparison.SIGNIFICANT;
            cells.add(Optional.of(new Cell(x.length, arm.nFailed(), x.length > 0 ? OptionalDouble.of(means[i])
                    : OptionalDouble.empty(), std, comparison[i], isTested ? OptionalDouble.of(holm[i])
                    : OptionalDouble.empty(), Optional.ofNullable(reason[i]))));
        }
        return cells;
    }
}
