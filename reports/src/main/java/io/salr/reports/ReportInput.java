package io.salr.reports;

import io.salr.analysis.AnalysisSettings;
import io.salr.analysis.tidy.TidyResults;
import io.salr.reports.figures.Figure;
import io.salr.reports.figures.PaperFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a report is made from. Only the tidy results are required; the rest is shown when given.
 * Build one with {@link #of(TidyResults)} and the {@code with...} methods (each returns a copy).
 *
 * @param results         the tidy results (tables, per-seed and gamma figures, summary and significance CSVs)
 * @param reference       the reference method of the significance tests, or empty for the analysis default
 * @param settings        the analysis settings (bootstrap, seed)
 * @param sweepSpec       the sweep specification text, shown verbatim
 * @param provenance      provenance text (e.g. JSON), shown verbatim
 * @param testErrorCurves Fig. 3 (left): method name to its test error against gradient calls, in drawing order
 * @param trace           Fig. 3 (right): S_hat and learning rate over the iterations of a SALR run
 * @param extraFigures    further figures (e.g. the Fig. 2 landscape), shown after the others
 * @param primaryMetric   the metric the page opens with, or empty for {@code test_accuracy} (else the first one)
 * @param claims          the verdicts of a paper's claims on these results, shown first when present
 */
public record ReportInput(TidyResults results, Optional<String> reference, AnalysisSettings settings,
                          Optional<String> sweepSpec, Optional<String> provenance,
                          Map<String, PaperFigures.Curve> testErrorCurves, Optional<Trace> trace,
                          List<NamedFigure> extraFigures, Optional<String> primaryMetric,
                          Optional<ClaimsSection.Block> claims) {

    /**
     * S_hat and the learning rate over the iterations of one SALR run.
     *
     * @param title        figure title (e.g. the run's network and method)
     * @param iterations   iteration numbers
     * @param sHat         S_hat at each iteration
     * @param learningRate the learning rate at each iteration
     */
    public record Trace(String title, double[] iterations, double[] sHat, double[] learningRate) {
        public Trace {
            Objects.requireNonNull(title, "title");
            iterations = iterations.clone();
            sHat = sHat.clone();
            learningRate = learningRate.clone();
        }

        @Override
        public double[] iterations() {
            return iterations.clone();
        }

        @Override
        public double[] sHat() {
            return sHat.clone();
        }

        @Override
        public double[] learningRate() {
            return learningRate.clone();
        }
    }

    /**
     * A figure with a file name and a caption.
     *
     * @param name    file base name: lower-case letters, digits and '-', starting with a letter
     * @param caption caption, verbatim (escaped in the page)
     * @param figure  the figure
     */
    public record NamedFigure(String name, String caption, Figure figure) {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

        public NamedFigure {
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(figure, "figure");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("figure name must match " + NAME + ", was '" + name + "'");
            }
        }
    }

    public ReportInput {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sweepSpec, "sweepSpec");
        Objects.requireNonNull(provenance, "provenance");
        testErrorCurves = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(testErrorCurves));
        Objects.requireNonNull(trace, "trace");
        extraFigures = List.copyOf(extraFigures);
        Objects.requireNonNull(primaryMetric, "primaryMetric");
        Objects.requireNonNull(claims, "claims");
    }

    /** A report of the given results with the default reference and settings and nothing else. */
    public static ReportInput of(TidyResults results) {
        return new ReportInput(results, Optional.empty(), AnalysisSettings.DEFAULTS, Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public ReportInput withReference(String method) {
        return new ReportInput(results, Optional.of(method), settings, sweepSpec, provenance, testErrorCurves,
                trace, extraFigures, primaryMetric, claims);
    }

    public ReportInput withSettings(AnalysisSettings value) {
        return new ReportInput(results, reference, value, sweepSpec, provenance, testErrorCurves, trace,
                extraFigures, primaryMetric, claims);
    }

    public ReportInput withSweepSpec(String text) {
        return new ReportInput(results, reference, settings, Optional.of(text), provenance, testErrorCurves,
                trace, extraFigures, primaryMetric, claims);
    }

    public ReportInput withProvenance(String text) {
        return new ReportInput(results, reference, settings, sweepSpec, Optional.of(text), testErrorCurves,
                trace, extraFigures, primaryMetric, claims);
    }

    public ReportInput withTestErrorCurves(Map<String, PaperFigures.Curve> curves) {
        return new ReportInput(results, reference, settings, sweepSpec, provenance, curves, trace, extraFigures, primaryMetric, claims);
    }

    public ReportInput withTrace(Trace value) {
        return new ReportInput(results, reference, settings, sweepSpec, provenance, testErrorCurves,
                Optional.of(value), extraFigures, primaryMetric, claims);
    }

    public ReportInput withPrimaryMetric(String metric) {
        return new ReportInput(results, reference, settings, sweepSpec, provenance, testErrorCurves, trace, extraFigures,
                Optional.of(metric), claims);
    }

    /**
     * With the verdicts of a paper's claims, shown first on the page.
     *
     * @param paper    the paper, in words
     * @param scope    what was run, in one sentence (datasets, models, budgets, seeds)
     * @param verdicts the verdicts
     */
    public ReportInput withClaims(String paper, String scope, List<io.salr.analysis.claims.ClaimVerdict> verdicts) {
        return new ReportInput(results, reference, settings, sweepSpec, provenance, testErrorCurves, trace, extraFigures,
                primaryMetric, Optional.of(new ClaimsSection.Block(paper, scope, verdicts)));
    }

    /** With other results (e.g. several stores merged), the rest unchanged. */
    public ReportInput withResults(TidyResults value) {
        return new ReportInput(value, reference, settings, sweepSpec, provenance, testErrorCurves, trace, extraFigures,
                primaryMetric, claims);
    }

    public ReportInput withFigure(NamedFigure figure) {
        List<NamedFigure> more = new ArrayList<>(extraFigures);
        more.add(figure);
        return new ReportInput(results, reference, settings, sweepSpec, provenance, testErrorCurves, trace, more, primaryMetric, claims);
    }
}
