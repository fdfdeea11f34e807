package io.salr.reports;

import io.salr.analysis.Analysis;
import io.salr.analysis.io.AtomicFiles;
import io.salr.reports.figures.Figure;
import io.salr.reports.figures.PaperFigures;
import io.salr.reports.format.TableFormat;
import io.salr.reports.tables.PaperTable;
import io.salr.reports.tables.PaperTables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a complete report into a directory:
 * <ul>
 *   <li>{@code summary.csv}, {@code significance.csv} and, with several (dataset, model) tasks,
 *       {@code aggregate.csv} from {@link Analysis#run} (which validates the input and the reference before
 *       anything is written);</li>
 *   <li>{@code tables.md}, {@code tables.tex}, {@code tables.html}: the paper's Tables I, II and VII
 *       ({@link PaperTables}) in every {@link TableFormat};</li>
 *   <li>{@code figures/NAME.png} and {@code .svg}: per-seed strip plots, gamma sensitivity with 95%
 *       confidence intervals, and, when given, Fig. 3 left and right and any extra figures;</li>
 *   <li>{@code index.html}: one self-contained page with all of it ({@link IndexPage}).</li>
 * </ul>
 * Every file is written atomically.
 */
public final class Report {

    /**
     * What a report wrote.
     *
     * @param analysis the analysis result (summary, significance and their CSV files)
     * @param tables   the tables
     * @param figures  the figures, in page order
     * @param files    every file written, index last
     */
    public record Written(Analysis.Result analysis, List<PaperTable> tables, List<ReportInput.NamedFigure> figures,
                          List<Path> files) {
        public Written {
            tables = List.copyOf(tables);
            figures = List.copyOf(figures);
            files = List.copyOf(files);
        }

        /** The report page. */
        public Path index() {
            return files.get(files.size() - 1);
        }
    }

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @throws io.salr.analysis.significance.UnknownReferenceException when the reference is not among the methods
     * @throws IllegalArgumentException for other input the analysis rejects
     */
    public static Written write(ReportInput input, Path outDir) throws IOException {
        return write(input, outDir, Progress.NONE);
    }

    /** Receives what a report is doing, for a progress line on a terminal. */
    @FunctionalInterface
    public interface Progress {
        /** Nothing reported. */
        Progress NONE = (stage, done, total) -> {
        };

        /**
         * Called as the report goes.
         *
         * @param stage what is being done ("analysis", "tables", "figures", "page")
         * @param done  items of the stage done (figures), or 0
         * @param total items of the stage, or 0 when it has none to count
         */
        void at(String stage, int done, int total);
    }

    /** {@link #write(ReportInput, Path)}, telling {@code progress} how far it has come. */
    public static Written write(ReportInput input, Path outDir, Progress progress) throws IOException {
        progress.at("analysis", 0, 0);
        Analysis.Result analysis = Analysis.run(input.results(), input.reference(), outDir, input.settings());
        progress.at("tables", 0, 0);
        List<PaperTable> tables = PaperTables.of(input.results(), analysis.significance().reference());
        List<Path> files = new ArrayList<>(List.of(analysis.summaryCsv(), analysis.significanceCsv()));
        analysis.aggregateCsv().ifPresent(files::add);
        for (TableFormat format : TableFormat.values()) {
            files.add(format.output().writeTo(outDir, tables));
        }
        List<ReportInput.NamedFigure> figures = figures(input);
        List<IndexPage.Embedded> embedded = new ArrayList<>();
        for (ReportInput.NamedFigure figure : figures) {
            progress.at("figures", embedded.size(), figures.size());
            Figure.Rendered rendered = figure.figure().render();
            files.addAll(Figure.write(outDir.resolve("figures").resolve(figure.name()), rendered));
            embedded.add(new IndexPage.Embedded(figure, rendered));
        }
        progress.at("page", 0, 0);
        Path index = outDir.resolve("index.html");
        AtomicFiles.writeString(index, IndexPage.render(input, analysis, tables, embedded, files, outDir));
        files.add(index);
        return new Written(analysis, tables, figures, files);
    }

    private static List<ReportInput.NamedFigure> figures(ReportInput input) {
        List<ReportInput.NamedFigure> figures = new ArrayList<>();
        if (!input.testErrorCurves().isEmpty()) {
            figures.add(new ReportInput.NamedFigure("test-error",
                    "Test error against gradient calls per method, mean over seeds (Fig. 3, left; budgets are matched in gradient calls)",
                    PaperFigures.testErrorCurves("Test error over training", input.testErrorCurves())));
        }
        input.trace().ifPresent(t -> figures.add(new ReportInput.NamedFigure("sharpness-rate",
                "S_hat and the learning rate over the iterations of a SALR run (Fig. 3, right): " + t.title(),
                PaperFigures.sharpnessAndRate(t.title(), t.iterations(), t.sHat(), t.learningRate()))));
        figures.addAll(TidyFigures.gammaSensitivity(input.results()));
        figures.addAll(TidyFigures.perSeed(input.results()));
        List<String> names = new ArrayList<>(figures.stream().map(ReportInput.NamedFigure::name).toList());
        for (ReportInput.NamedFigure extra : input.extraFigures()) {
            if (names.contains(extra.name())) {
                throw new IllegalArgumentException("figure name '" + extra.name() + "' is used twice");
            }
            names.add(extra.name());
            figures.add(extra);
        }
        return figures;
    }
}
