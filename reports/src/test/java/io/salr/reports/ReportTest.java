package io.salr.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.AnalysisSettings;
import io.salr.analysis.significance.UnknownReferenceException;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.reports.figures.LineFigure;
import io.salr.reports.figures.PaperFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class ReportTest {

    static final AnalysisSettings FAST = new AnalysisSettings(new Bootstrap(200, 0.95), 1);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** main.csv plus a method with a hostile name, and every optional input. */
    static ReportInput fullInput() {
        List<TidyRow> rows = new ArrayList<>(Fixtures.main().rows());
        for (int seed = 1; seed <= 3; seed++) {
            rows.add(new TidyRow("main", "cifar10", "resnet50", "<script>alert(1)</script>", OptionalDouble.empty(),
                    seed, "test_accuracy", 0.90 + 0.001 * seed, Map.of()));
        }
        Map<String, PaperFigures.Curve> curves = new LinkedHashMap<>();
        curves.put("sgd", new PaperFigures.Curve(new double[] {1, 2, 3, 4}, new double[] {0.5, 0.3, 0.2, 0.18}));
        curves.put("sgd-salr", new PaperFigures.Curve(new double[] {1, 2}, new double[] {0.35, 0.15}));
        return ReportInput.of(TidyResults.of(List.of(), rows)).withSettings(FAST)
                .withSweepSpec("study: main\nmethods: [sgd, sam, sgd-salr]\nnote: <b>not bold</b>\n")
                .withProvenance("{\"gitCommit\": \"abc123\", \"javaVersion\": \"17\"}")
                .withTestErrorCurves(curves)
                .withTrace(new ReportInput.Trace("sgd-salr on cifar10 / resnet50", new double[] {0, 2, 4, 6},
                        new double[] {1.0, 1.4, 1.1, 0.9}, new double[] {0.1, 0.14, 0.11, 0.09}))
                .withFigure(new ReportInput.NamedFigure("landscape", "Fig. 2 landscape",
                        LineFigure.over(new double[] {-1, 0, 1}).line("f", new double[] {1, 0, 1}).build()));
    }

    @Test
    void writesTheAnalysisTablesFiguresAndPage(@TempDir Path dir) throws IOException {
        Report.Written written = Report.write(fullInput(), dir);
        for (String name : List.of("summary.csv", "significance.csv", "tables.md", "tables.tex", "tables.html",
                "index.html", "figures/test-error.png", "figures/test-error.svg", "figures/sharpness-rate.png",
                "figures/seeds-1.svg", "figures/landscape.png")) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        assertEquals(dir.resolve("index.html"), written.index());
        assertEquals(2, written.tables().size());
        // test error, trace, 2 metrics x 2 networks of per-seed strips, landscape; no gamma sweep in main.csv
        assertEquals(7, written.figures().size());
        String html = Files.readString(written.index(), StandardCharsets.UTF_8);
        assertEquals(7, html.split("<img ", -1).length - 1);
        assertTrue(html.contains("id=\"table-1\"") && html.contains("id=\"table-2\""));
        assertTrue(html.contains("id=\"comparisons\""));
        // issue 11, item 8 and the rliable section: the headline opens the page, costs and aggregates have their own
        assertTrue(html.indexOf("id=\"headline\"") < html.indexOf("id=\"table-1\""), "headline first");
        assertTrue(html.contains("id=\"aggregate\"") && Files.exists(dir.resolve("aggregate.csv")), "two networks: aggregates");
        assertTrue(html.contains("95% Welch t interval"), "the interval is named");
        assertFalse(html.matches("(?s).*<td>[-+]?\\d+\\.\\d{7,}.*"), "no 7-digit numbers on the page");
        assertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt;"), "sweep spec shown escaped");
        assertTrue(html.contains("abc123"), "provenance shown");
        assertTrue(html.contains("95% confidence interval of the mean"), "error bars explained");
        assertEquals(1, html.split("<script", -1).length - 1, "only the page's own script");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing external");
    }

    @Test
    void gammaSweepGetsTableSevenAndSensitivityFigures(@TempDir Path dir) throws IOException {
        // the swept method has several configurations, so the reference of the comparisons is a baseline
        List<TidyRow> rows = new ArrayList<>(Fixtures.gamma().rows());
        for (int seed = 1; seed <= 3; seed++) {
            rows.add(new TidyRow("gamma", "cifar100", "pyramidnet", "sgd", OptionalDouble.empty(), seed,
                    "test_accuracy", 0.84 + 0.001 * seed, Map.of()));
        }
        Report.Written written = Report.write(ReportInput.of(TidyResults.of(List.of(), rows)).withSettings(FAST)
                .withReference("sgd"), dir);
        assertTrue(written.tables().stream().anyMatch(t -> t.id().equals("table-7-1")));
        assertTrue(Files.exists(dir.resolve("figures/gamma-1.png")));
        assertTrue(Files.exists(dir.resolve("figures/gamma-2.svg")));
    }

    @Test
    void unknownReferenceFailsBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        ReportInput input = ReportInput.of(Fixtures.main()).withSettings(FAST).withReference("adam");
        UnknownReferenceException e = assertThrows(UnknownReferenceException.class, () -> Report.write(input, dir));
        assertTrue(e.getMessage().contains("'adam'"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void pageLoadsInHeadlessChromiumWithEveryFigureDisplayed(@TempDir Path dir) throws Exception {
        String chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assertTrue(chromium != null, "chromium is not installed, so index.html cannot be checked in a browser: "
                + "./salr test installs it (apt-get install chromium)");
        Report.Written written = Report.write(fullInput(), dir.resolve("report"));
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path dom = dir.resolve("dom.html");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                written.index().toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished within 120 s");
        String dumped = Files.readString(dom, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "chromium exit code; log: "
                + Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8));
        assertTrue(dumped.contains("data-report-check=\"ok\""), "every figure displayed; body: "
                + dumped.substring(0, Math.min(400, dumped.length())));
        assertTrue(dumped.contains("data-figures=\"7\""), "7 figures found");
        assertTrue(dumped.contains("data-figures-shown=\"7\""), "7 figures shown");
        assertTrue(dumped.contains("data-errors=\"0\""), "no script errors");
        assertEquals(1, dumped.split("<script", -1).length - 1, "the hostile method name created no script element");
    }
}
