package io.salr.reports.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.reports.tables.PaperTable;
import io.salr.reports.tables.PaperTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Hostile names from the input cannot inject markup, script or TeX commands into any format. */
class EscapeTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String PIPE = "a|b";
    static final String TEX = "\\textbf{x} & 50% _ # $";

    @Test
    void htmlEscapesMarkupCharacters() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Escape.html(SCRIPT));
        assertEquals("&quot; &#39; &amp;amp; a b", Escape.html("\" ' &amp; a\nb"));
    }

    @Test
    void latexEscapesEverySpecialCharacter() {
        assertEquals("\\textbackslash{}textbf\\{x\\} \\& 50\\% \\_ \\# \\$", Escape.latex(TEX));
        assertEquals("\\textasciicircum{}\\textasciitilde{}\\textless{}\\textgreater{}\\textbar{}", Escape.latex("^~<>|"));
    }

    @Test
    void markdownEscapesInlineMarkupAndCellBoundaries() {
        assertEquals("a\\|b", Escape.markdown(PIPE));
        assertEquals("\\<script\\>alert(1)\\</script\\>", Escape.markdown(SCRIPT));
        assertEquals("\\*\\*x\\*\\* \\_y\\_ \\[l\\](u) \\`c\\` \\$m\\$ \\&amp; \\! \\~ \\# \\\\", 
                Escape.markdown("**x** _y_ [l](u) `c` $m$ &amp; ! ~ # \\"));
        assertEquals("one line", Escape.markdown("one\nline"));
    }

    private static List<PaperTable> hostileTables() {
        List<TidyRow> rows = new ArrayList<>();
        String[] methods = {SCRIPT, PIPE, TEX};
        for (int m = 0; m < methods.length; m++) {
            for (int seed = 1; seed <= 3; seed++) {
                rows.add(new TidyRow(SCRIPT, TEX, PIPE, methods[m], OptionalDouble.empty(), seed, "test_accuracy",
                        0.5 + 0.1 * m + 0.01 * seed, Map.of()));
            }
        }
        return PaperTables.of(TidyResults.of(List.of(), rows), PIPE);
    }

    @Test
    void htmlTablesCarryNoInjectedTags() {
        String html = TableFormat.HTML.output().render(hostileTables());
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertEquals(0, html.split("<script", -1).length - 1);
    }

    @Test
    void latexTablesCarryNoInjectedCommandsOrAlignmentTabs() {
        String tex = TableFormat.LATEX.output().render(hostileTables());
        assertFalse(tex.contains("\\textbf{x}"), tex);
        for (String line : tex.split("\n")) {
            if (line.endsWith("\\\\")) {
                // 3 method columns plus the label column: exactly 3 unescaped alignment tabs per row
                assertEquals(3, line.replace("\\&", "").chars().filter(c -> c == '&').count(), line);
            }
        }
    }

    @Test
    void markdownTablesKeepTheirColumns() {
        String md = TableFormat.MARKDOWN.output().render(hostileTables());
        for (String line : md.split("\n")) {
            if (line.startsWith("|")) {
                assertEquals(5, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
            }
        }
        assertFalse(md.replace("\\<", "").contains("<script"), md);
        assertTrue(md.contains("\\<script\\>"));
    }
}
