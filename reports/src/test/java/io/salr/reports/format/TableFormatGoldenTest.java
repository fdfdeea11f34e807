package io.salr.reports.format;

import io.salr.reports.Fixtures;
import io.salr.reports.Golden;
import io.salr.reports.tables.PaperTable;
import io.salr.reports.tables.PaperTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every table format against its golden file, on Tables I and II (main.csv: bold best cells, daggers, a
 * single-seed cell that is "n too small" and untested) and Table VII (gamma.csv). The default locale is
 * German during the test, so a locale-dependent decimal comma would show up as a diff.
 */
class TableFormatGoldenTest {

    private Locale saved;

    @BeforeEach
    void germanLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    private static List<PaperTable> tables() {
        List<PaperTable> tables = new ArrayList<>(PaperTables.of(Fixtures.main(), "sgd-salr"));
        tables.addAll(PaperTables.of(Fixtures.gamma(), "sgd-salr"));
        return tables;
    }

    @Test
    void markdown() throws IOException {
        Golden.assertMatches("tables.md", TableFormat.MARKDOWN.output().render(tables()));
    }

    @Test
    void latex() throws IOException {
        Golden.assertMatches("tables.tex", TableFormat.LATEX.output().render(tables()));
    }

    @Test
    void html() throws IOException {
        Golden.assertMatches("tables.html", TableFormat.HTML.output().render(tables()));
    }
}
