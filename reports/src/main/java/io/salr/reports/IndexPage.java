package io.salr.reports;

import io.salr.analysis.Analysis;
import io.salr.reports.figures.Figure;
import io.salr.reports.format.Escape;
import io.salr.reports.format.HtmlTables;
import io.salr.reports.tables.PaperTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The report page {@code index.html}: self-contained (figures are PNG data URIs, style and script are
 * inline), so it opens offline. A Content-Security-Policy allows only data-URI images, inline style and
 * the page's own script (by its SHA-256), so even a markup injection that escaped {@link Escape} could
 * not run script or load anything.
 *
 * <p>The page's script checks, once the page has loaded, that every image is decoded and has a non-zero
 * size, and records the outcome on {@code <body>}: {@code data-figures} (count), {@code data-figures-shown}
 * (count displayed), {@code data-errors} (script errors seen) and {@code data-report-check}
 * ({@code ok} or {@code broken}); and the layout: {@code data-page-overflow} (pixels of sideways scrolling),
 * {@code data-tallest-row} (the tallest table row, pixels) and {@code data-one-word-cells} (cells of three or
 * more words wrapped to one word per line). A headless browser's dumped DOM thus proves the page displays.
 */
final class IndexPage {

    /** A figure with its rendering. */
    record Embedded(ReportInput.NamedFigure figure, Figure.Rendered rendered) {
    }

    /** The page's only script; fixed text, so its hash in the policy is fixed too. */
    static final String SCRIPT = "(function(){var errors=0;"
            + "window.addEventListener('error',function(){errors++;document.body.setAttribute('data-errors',String(errors));});"
            + "window.addEventListener('load',function(){var figs=document.querySelectorAll('img,svg');var shown=0;"
            + "for(var i=0;i<figs.length;i++){var f=figs[i];var r=f.getBoundingClientRect();"
            + "var ok=r.width>0&&r.height>0&&(f.tagName.toLowerCase()!=='img'||(f.complete&&f.naturalWidth>0));"
            + "if(ok){shown++;}}var b=document.body;b.setAttribute('data-figures',String(figs.length));"
            + "b.setAttribute('data-figures-shown',String(shown));b.setAttribute('data-errors',String(errors));"
            + "b.setAttribute('data-report-check',shown===figs.length?'ok':'broken');"
            + "var de=document.documentElement;b.setAttribute('data-page-overflow',String(Math.max(0,de.scrollWidth-de.clientWidth)));"
            + "var rows=document.querySelectorAll('tr');var tallest=0;for(var j=0;j<rows.length;j++){"
            + "tallest=Math.max(tallest,Math.round(rows[j].getBoundingClientRect().height));}"
            + "b.setAttribute('data-tallest-row',String(tallest));var cells=document.querySelectorAll('td,th');var narrow=0;"
            + "for(var c=0;c<cells.length;c++){var words=cells[c].textContent.trim().split(/\\s+/).length;if(words<3){continue;}"
            + "var rg=document.createRange();rg.selectNodeContents(cells[c]);var rs=rg.getClientRects();var tops={};var lines=0;"
            + "for(var q=0;q<rs.length;q++){var t=Math.round(rs[q].top);if(!tops[t]){tops[t]=1;lines++;}}"
            + "if(lines>=words){narrow++;}}b.setAttribute('data-one-word-cells',String(narrow));});})();";

    private static final String CSS = "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;"
            + "color:#111}figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}"
            + "figcaption{font-size:.9em}pre{background:#f6f6f6;padding:.8em;overflow:auto;white-space:pre-wrap}"
            + ".legend{font-size:.9em}.small td,.small th{font-size:.85em}" + HtmlTables.CSS + ClaimsSection.CSS;

    private IndexPage() {
    }

    static String render(ReportInput input, Analysis.Result analysis, List<PaperTable> tables,
                         List<Embedded> figures, List<Path> files, Path outDir) {
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'sha256-").append(sha256(SCRIPT))
                .append("'; base-uri 'none'; form-action 'none'\">\n")
                .append("<title>salr report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>SALR reproduction report</h1>\n");
        input.claims().ifPresent(block -> ClaimsSection.render(out, block));
        String reference = analysis.significance().reference();
        Optional<String> primary = ComparisonSection.primary(analysis.significance(), input.primaryMetric());
        out.append("<p>").append(input.results().rows().size()).append(" tidy rows; methods: ")
                .append(Escape.html(String.join(", ", input.results().methods())))
                .append("; reference method of the comparisons: <code>").append(Escape.html(reference))
                .append("</code>; primary metric: <code>").append(Escape.html(primary.orElse("none")))
                .append("</code>; Holm family: <code>").append(analysis.significance().scope().word())
                .append("</code> (").append(Escape.html(analysis.significance().scope().describe())).append(").</p>\n");
        ComparisonSection.headline(out, analysis.significance(), primary);
        out.append("<h2>What the numbers, marks and error bars mean</h2>\n<p class=\"legend\">")
                .append(new HtmlTables().legend())
                .append(" Error bars in the gamma figures are the 95% confidence interval of the mean "
                        + "(Student t with n - 1 degrees of freedom); a gamma with a single seed has none. Strip "
                        + "plots show one point per seed and the mean as a diamond.</p>\n");
        out.append("<h2>Tables</h2>\n");
        if (tables.isEmpty()) {
            out.append("<p>The input holds neither <code>test_accuracy</code> nor <code>final_sharpness</code>, "
                    + "so there are no paper tables; see the comparisons below.</p>\n");
        }
        HtmlTables html = new HtmlTables();
        for (PaperTable table : tables) {
            try {
                html.writeTable(table, out);
            } catch (IOException e) {
                throw new IllegalStateException("a StringBuilder does not throw", e);
            }
        }
        ComparisonSection.tables(out, analysis.significance(), primary);
        analysis.aggregate().ifPresent(a -> ComparisonSection.aggregates(out, a));
        out.append("<h2>Figures</h2>\n");
        for (Embedded e : figures) {
            String caption = Escape.html(e.figure().caption());
            String name = e.figure().name();
            out.append("<figure id=\"fig-").append(name).append("\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.rendered().png()))
                    .append("\" alt=\"").append(caption).append("\" width=\"900\" height=\"540\">")
                    .append("<figcaption>").append(caption).append(" (<a href=\"figures/").append(name)
                    .append(".png\">PNG</a>, <a href=\"figures/").append(name).append(".svg\">SVG</a>)")
                    .append("</figcaption></figure>\n");
        }
        verbatim(out, "Sweep specification", input.sweepSpec());
        verbatim(out, "Provenance", input.provenance());
        out.append("<h2>Files</h2>\n<ul>\n");
        for (Path file : files) {
            String relative = Escape.html(outDir.toAbsolutePath().relativize(file.toAbsolutePath()).toString()
                    .replace('\\', '/'));
            out.append("<li><a href=\"").append(relative).append("\">").append(relative).append("</a></li>\n");
        }
        out.append("</ul>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void verbatim(StringBuilder out, String heading, Optional<String> text) {
        text.ifPresent(t -> out.append("<h2>").append(heading).append("</h2>\n<pre>").append(Escape.html(t))
                .append("</pre>\n"));
    }

    /** Base64 of the SHA-256 of the UTF-8 text, as a Content-Security-Policy hash source wants it. */
    static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
