package io.salr.reports.format;

import io.salr.analysis.output.OutputFormat;
import io.salr.reports.tables.PaperTable;
import java.util.List;

/** The table formats, each an {@link OutputFormat} of a list of tables written to one file. */
public enum TableFormat {
    /** GitHub-flavoured Markdown: {@code tables.md}. */
    MARKDOWN(new MarkdownTables()),
    /** LaTeX with booktabs rules: {@code tables.tex}, to be {@code \input} into a document. */
    LATEX(new LatexTables()),
    /** A standalone HTML page: {@code tables.html}. */
    HTML(new HtmlTables());

    private final OutputFormat<List<PaperTable>> output;

    TableFormat(OutputFormat<List<PaperTable>> output) {
        this.output = output;
    }

    /** The format's writer. */
    public OutputFormat<List<PaperTable>> output() {
        return output;
    }
}
