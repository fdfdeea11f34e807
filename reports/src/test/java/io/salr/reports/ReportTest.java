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
        Report.Written written = Report.write(withClaims(fullInput()), dir.resolve("report"));
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path dom = dir.resolve("dom.html");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1300,1000",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                written.index().toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished within 120 s");
        String dumped = Files.readString(dom, StandardCharsets.UTF_8);
        // the page stays for review in target/chromium-report
        Path kept = Path.of("target", "chromium-report");
        Files.createDirectories(kept);
        Files.copy(written.index(), kept.resolve("index.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dom, kept.resolve("dom.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, p.exitValue(), "chromium exit code; log: "
                + Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8));
        assertTrue(dumped.contains("data-report-check=\"ok\""), "every figure displayed; body: "
                + dumped.substring(0, Math.min(400, dumped.length())));
        // 7 figures and the forest plot's panels (test_accuracy and final_sharpness)
        assertTrue(dumped.contains("data-figures=\"9\""), "9 figures found");
        assertTrue(dumped.contains("data-figures-shown=\"9\""), "9 figures shown");
        // issue 21 item 6: at 1300 px no sideways scrolling, no cell wrapped to one word per line, no towering row
        assertEquals("0", attribute(dumped, "data-page-overflow"), "sideways scrolling in pixels");
        assertEquals("0", attribute(dumped, "data-one-word-cells"), "cells wrapped to one word per line");
        int tallest = Integer.parseInt(attribute(dumped, "data-tallest-row"));
        assertTrue(tallest > 0 && tallest <= 160, "the tallest table row is " + tallest + " px");
        assertTrue(dumped.contains("data-errors=\"0\""), "no script errors");
        assertEquals(1, dumped.split("<script", -1).length - 1, "the hostile method name created no script element");
    }

    private static String attribute(String dom, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), name + " is missing from the dumped page");
        return m.group(1);
    }

    /**
     * A demo-like claims block: the shipped claims on a study with every baseline of Table I, SALR's failed runs
     * and the measured costs.
     */
    static ReportInput withClaims(ReportInput input) {
        List<TidyRow> rows = new ArrayList<>();
        String[] methods = {"sgd", "swa", "sam", "entropy-sgd", "sgd-salr", "adam", "adam-swa", "adam-sam", "entropy-adam",
            "adam-salr", "entropy-sgd-salr", "entropy-adam-salr"};
        for (int m = 0; m < methods.length; m++) {
            boolean salr = methods[m].endsWith("-salr");
            OptionalDouble gamma = salr ? OptionalDouble.of(0.02) : OptionalDouble.empty();
            for (int seed = 0; seed < 10; seed++) {
                if (methods[m].equals("sgd-salr") && seed >= 3) {
                    rows.add(new TidyRow("demo", "fashion-mnist", "mlp", methods[m], gamma, seed, "diverged", 1, Map.of()));
                    continue;
                }
                double acc = (salr ? 0.82 : 0.87) + 0.001 * m + 0.0007 * seed;
                rows.add(new TidyRow("demo", "fashion-mnist", "mlp", methods[m], gamma, seed, "test_accuracy", acc, Map.of()));
                rows.add(new TidyRow("demo", "fashion-mnist", "mlp", methods[m], gamma, seed, "final_sharpness",
                        1.5 + 0.01 * seed + (salr ? 0.2 : 0), Map.of()));
                for (String[] c : new String[][] {{"iterations", salr ? "493" : "4690"}, {"grad_calls", "4690"},
                    {"forward_calls", salr ? "2400" : "4690"}, {"wall_seconds", salr ? "61.5" : "20.25"}}) {
                    rows.add(new TidyRow("demo", "fashion-mnist", "mlp", methods[m], gamma, seed, c[0],
                            Double.parseDouble(c[1]), Map.of()));
                }
            }
        }
        io.salr.analysis.claims.ClaimSet set = io.salr.analysis.claims.ClaimSet.read(
                Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml"));
        return input.withClaims(set.paper(), "Evidence: a demo-like study.",
                io.salr.analysis.claims.Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()));
    }
}
