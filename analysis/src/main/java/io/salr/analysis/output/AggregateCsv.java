package io.salr.analysis.output;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.aggregate.TaskAggregates;
import io.salr.analysis.stats.Bootstrap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aggregate.csv}: the rliable-style aggregates of one metric across the (dataset, model) tasks
 * ({@link TaskAggregates}), one row per method and statistic: {@code metric,normalization,method,statistic,tau,
 * value,ci_low,ci_high,tasks,runs,n_failed,note}. Statistics: {@code mean, median, iqm, optimality_gap},
 * {@code probability_of_improvement} (of the method over the reference, ties one half) and {@code profile} (the
 * fraction of runs with normalized score above {@code tau}). Intervals: 95% percentile, stratified bootstrap.
 */
public final class AggregateCsv implements OutputFormat<AggregateCsv.Result> {

    /** The header. */
    public static final List<String> COLUMNS = List.of("metric", "normalization", "method", "statistic", "tau", "value",
            "ci_low", "ci_high", "tasks", "runs", "n_failed", "note");

    /** The profile thresholds written, in normalized units. */
    public static final double[] TAUS = {0.9, 0.95, 0.99, 1.0, 1.01, 1.05, 1.1};

    /**
     * The aggregates with their intervals.
     *
     * @param aggregates the scores
     * @param reference  the method the probability of improvement is measured against
     * @param rows       the rows, in output order
     */
    public record Result(TaskAggregates aggregates, String reference, List<List<String>> rows) {
    }

    /**
     * Computes every row; each method and statistic has its own derived bootstrap seed, so the methods are
     * computed in parallel and the rows are the same, in the same order, as one after another.
     */
    public static Result compute(TaskAggregates a, String reference, Bootstrap bootstrap, long seed) {
        List<double[]> ref = a.methods().containsKey(reference) ? a.methods().get(reference).perTask() : null;
        List<Map.Entry<String, TaskAggregates.MethodScores>> methods = new ArrayList<>(a.methods().entrySet());
        List<List<List<String>>> perMethod = methods.parallelStream()
                .map(e -> rows(a, e, ref, reference, bootstrap, seed)).toList();
        List<List<String>> rows = new ArrayList<>();
        perMethod.forEach(rows::addAll);
        return new Result(a, reference, rows);
    }

    private static List<List<String>> rows(TaskAggregates a, Map.Entry<String, TaskAggregates.MethodScores> e,
                                           List<double[]> ref, String reference, Bootstrap bootstrap, long seed) {
        List<List<String>> rows = new ArrayList<>();
        List<double[]> s = e.getValue().perTask();
        int runs = s.stream().mapToInt(x -> x.length).sum();
        boolean complete = s.stream().allMatch(x -> x.length > 0);
        String note = complete ? "" : "no finished run on some task: not aggregated";
        if (complete) {
            add(rows, a, e, "mean", "", TaskAggregates.estimate(s, TaskAggregates::mean, bootstrap,
                    Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "mean")), runs, note);
            add(rows, a, e, "median", "", TaskAggregates.estimate(s, TaskAggregates::median, bootstrap,
                    Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "median")), runs, note);
            add(rows, a, e, "iqm", "", TaskAggregates.estimateIqm(s, bootstrap,
                    Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "iqm")), runs, note);
            add(rows, a, e, "optimality_gap", "", TaskAggregates.estimate(s, TaskAggregates::optimalityGap, bootstrap,
                    Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "gap")), runs, note);
            if (ref != null && !e.getKey().equals(reference) && ref.stream().allMatch(x -> x.length > 0)) {
                add(rows, a, e, "probability_of_improvement", "", TaskAggregates.probabilityOfImprovement(s, ref,
                        bootstrap, Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "poi")), runs,
                        "over " + reference);
            }
            TaskAggregates.Estimate[] profile = TaskAggregates.profile(s, TAUS, bootstrap,
                    Bootstrap.deriveSeed(seed, "aggregate", e.getKey(), "profile"));
            for (int i = 0; i < TAUS.length; i++) {
                add(rows, a, e, "profile", Numbers.format(TAUS[i]), profile[i], runs, note);
            }
        } else {
            rows.add(List.of(a.metric(), a.normalization().describe(), e.getKey(), "", "", "", "", "",
                    Integer.toString(a.tasks().size()), Integer.toString(runs),
                    Integer.toString(e.getValue().failed()), note));
        }
        return rows;
    }

    private static void add(List<List<String>> rows, TaskAggregates a, Map.Entry<String, TaskAggregates.MethodScores> e,
                            String statistic, String tau, TaskAggregates.Estimate est, int runs, String note) {
        rows.add(List.of(a.metric(), a.normalization().describe(), e.getKey(), statistic, tau, Numbers.format(est.value()),
                Numbers.format(est.low()), Numbers.format(est.high()), Integer.toString(a.tasks().size()),
                Integer.toString(runs), Integer.toString(e.getValue().failed()), note));
    }

    @Override
    public String fileName() {
        return "aggregate.csv";
    }

    @Override
    public void write(Result result, Appendable out) throws IOException {
        Csv.line(out, COLUMNS);
        for (List<String> row : result.rows()) {
            Csv.line(out, row);
        }
    }
}
