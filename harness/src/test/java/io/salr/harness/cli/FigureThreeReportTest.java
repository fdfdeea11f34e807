package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Fig. 3 in the report of a store: both panels as PNG and SVG, the right one of the median or the chosen run. */
@Tag("slow")
class FigureThreeReportTest {

    private static final String SPEC = """
            study: fig3
            models: [mlp]
            methods: [sgd, entropy-sgd, entropy-sgd-salr, sgd-salr]
            seeds: 3
            budget: {epochs: 10, of: sgd}
            data: {train_subset: 100, test_subset: 60}
            batch_size: 25
            model_options: {hidden: 8}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;

    @TempDir
    static Path root;
    static Path store;

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return new Outcome(cmd.execute(args), err.toString());
    }

    @BeforeAll
    static void sweep() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path data = SyntheticFashionMnistAccess.write(root.resolve("data"), 200, 100, 3);
        Path spec = Files.writeString(root.resolve("fig3.yaml"), SPEC);
        store = root.resolve("store");
        Outcome o = run("sweep", spec.toString(), "--store", store.toString(), "--in-process", "--data-dir", data.toString());
        assertEquals(0, o.exit(), o.err());
    }

    /** The completed SGD-SALR runs, by final test accuracy (then id), as the median rule orders them. */
    private static List<String> salrRunsByAccuracy() {
        Store.Opened opened = Store.open(store);
        List<SweepPlan.PlannedRun> salr = new ArrayList<>(opened.plan().runs().stream()
                .filter(r -> r.spec().methodName().equals("sgd-salr")).toList());
        salr.sort(Comparator.comparingDouble((SweepPlan.PlannedRun r) -> opened.store().result(r.id()).orElseThrow()
                .metric(io.salr.analysis.metric.Metric.TEST_ACCURACY).orElseThrow()).thenComparing(SweepPlan.PlannedRun::id));
        return salr.stream().map(SweepPlan.PlannedRun::id).toList();
    }

    @Test
    void bothPanelsAreDrawnAndTheRightOneIsTheMedianSalrRunUnlessOneIsChosen() throws Exception {
        Path out = root.resolve("report");
        Outcome o = run("report", store.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        for (String f : List.of("fig3-left.png", "fig3-left.svg", "fig3-right.png", "fig3-right.svg")) {
            assertTrue(Files.size(out.resolve("figures").resolve(f)) > 0, f);
        }
        List<String> ordered = salrRunsByAccuracy();
        assertEquals(3, ordered.size());
        String page = Files.readString(out.resolve("index.html"));
        assertTrue(page.contains("Fig. 3 (left): test error against epochs"), "the left panel's caption");
        assertTrue(page.contains("iterations of run " + ordered.get(1)) && page.contains("the median run by final test accuracy"),
                "the median of 3 SGD-SALR runs is the second by accuracy, " + ordered.get(1));

        Path chosen = root.resolve("chosen");
        o = run("report", store.toString(), "--out", chosen.toString(), "--run", ordered.get(0));
        assertEquals(0, o.exit(), o.err());
        String chosenPage = Files.readString(chosen.resolve("index.html"));
        assertTrue(chosenPage.contains("iterations of run " + ordered.get(0)), "the chosen run");
        assertTrue(!chosenPage.contains("the median run by final test accuracy"));
    }

    /** The claims command's page is the report of its first store, Fig. 3 included. */
    @Test
    void theClaimsPageOfAStoreShowsFigureThree() throws Exception {
        Path out = root.resolve("claims");
        Outcome o = run("claims", store.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        for (String f : List.of("fig3-left.png", "fig3-left.svg", "fig3-right.png", "fig3-right.svg")) {
            assertTrue(Files.size(out.resolve("figures").resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("index.html")).contains("iterations of run " + salrRunsByAccuracy().get(1)));
    }

    @Test
    void aRunThatIsNotInTheStoreOrNotSalrIsBadInput() {
        Outcome o = run("report", store.toString(), "--out", root.resolve("bad").toString(), "--run", "0123456789abcdef");
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--run") && o.err().contains("0123456789abcdef"), o.err());
        String sgd = Store.open(store).plan().runs().stream().filter(r -> r.spec().methodName().equals("sgd"))
                .findFirst().orElseThrow().id();
        o = run("report", store.toString(), "--out", root.resolve("bad2").toString(), "--run", sgd);
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("not a SALR run"), o.err());
    }
}
