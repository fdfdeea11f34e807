package io.salr.analysis;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.aggregate.Summary;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.output.SignificanceCsv;
import io.salr.analysis.output.SummaryCsv;
import io.salr.analysis.significance.SignificanceTable;
import io.salr.analysis.tidy.TidyResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Reads tidy results, aggregates them, tests them against a reference, and writes both CSV files. */
public final class Analysis {

    /**
     * What one analysis produced.
     *
     * @param summary         the aggregation
     * @param significance    the comparisons against the reference
     * @param summaryCsv      where {@code summary.csv} was written
     * @param significanceCsv where {@code significance.csv} was written
     * @param aggregate       the rliable-style aggregates of the primary metric across tasks, when the results have
     *                        at least two (dataset, model) tasks
     * @param aggregateCsv    where {@code aggregate.csv} was written, when it was
     */
    public record Result(Summary summary, SignificanceTable significance, Path summaryCsv, Path significanceCsv,
                         Optional<io.salr.analysis.output.AggregateCsv.Result> aggregate, Optional<Path> aggregateCsv) {
    }

    private Analysis() {
    }

    /** {@link #run(Path, Optional, Path, AnalysisSettings)} with {@link AnalysisSettings#DEFAULTS}. */
    public static Result run(Path tidyCsv, Optional<String> reference, Path outDir) throws IOException {
        return run(tidyCsv, reference, outDir, AnalysisSettings.DEFAULTS);
    }

    /**
     * Runs the analysis on a tidy CSV. Both tables are computed before either file is written, so bad
     * input (a {@link io.salr.analysis.tidy.TidyFormatException}, an accuracy that is not a fraction, or an
     * {@link io.salr.analysis.significance.UnknownReferenceException}) leaves {@code outDir} untouched.
     */
    public static Result run(Path tidyCsv, Optional<String> reference, Path outDir, AnalysisSettings settings)
            throws IOException {
        return run(TidyResults.read(tidyCsv), reference, outDir, settings);
    }

    /** Runs the analysis on tidy results obtained elsewhere (e.g. from the store). */
    public static Result run(TidyResults results, Optional<String> reference, Path outDir, AnalysisSettings settings)
            throws IOException {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(outDir, "outDir");
        Metrics.checkFractions(results, "tidy");
        Summary summary = Summary.of(results, settings.metrics());
        SignificanceTable significance = SignificanceTable.compute(results, reference, settings.metrics(),
                settings.family());
        Optional<io.salr.analysis.output.AggregateCsv.Result> aggregate = aggregate(results, significance, settings);
        Path summaryCsv = new SummaryCsv().writeTo(outDir, summary);
        Path significanceCsv = new SignificanceCsv().writeTo(outDir, significance);
        Optional<Path> aggregateCsv = aggregate.map(a -> new io.salr.analysis.output.AggregateCsv().writeTo(outDir, a));
        return new Result(summary, significance, summaryCsv, significanceCsv, aggregate, aggregateCsv);
    }

    /**
     * The aggregates across tasks of the primary metric (the settings', else {@code test_accuracy}), normalized by
     * the reference; empty with fewer than two tasks, without a direction, or when the reference lacks a task.
     */
    static Optional<io.salr.analysis.output.AggregateCsv.Result> aggregate(TidyResults results,
                                                                           SignificanceTable significance,
                                                                           AnalysisSettings settings) {
        String metric = settings.primary().orElse(Metric.TEST_ACCURACY.id());
        var direction = settings.metrics().direction(metric);
        java.util.Set<String> tasks = new java.util.TreeSet<>();
        results.rows().stream().filter(r -> r.metric().equals(metric)).forEach(r -> tasks.add(r.dataset() + "/" + r.model()));
        if (tasks.size() < 2 || direction.isEmpty()) {
            return Optional.empty();
        }
        try {
            io.salr.analysis.aggregate.TaskAggregates a = io.salr.analysis.aggregate.TaskAggregates.of(results, metric,
                    direction.get(), io.salr.analysis.aggregate.TaskAggregates.Normalization.byReference(
                            significance.reference()));
            return Optional.of(io.salr.analysis.output.AggregateCsv.compute(a, significance.reference(),
                    settings.bootstrap(), settings.seed()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
