package io.salr.analysis;

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
     */
    public record Result(Summary summary, SignificanceTable significance, Path summaryCsv, Path significanceCsv) {
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
        Path summaryCsv = new SummaryCsv().writeTo(outDir, summary);
        Path significanceCsv = new SignificanceCsv().writeTo(outDir, significance);
        return new Result(summary, significance, summaryCsv, significanceCsv);
    }
}
