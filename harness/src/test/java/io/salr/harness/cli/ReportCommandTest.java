package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end runs of {@code salr report}: a good CSV, and each kind of bad input with exit code 2. */
class ReportCommandTest {

    private static final String HEADER = "study,dataset,model,method,gamma,seed,metric,value\n";

    /** Two methods with 3 seeds and one (sam) with a single seed. */
    private static String goodCsv() {
        StringBuilder csv = new StringBuilder(HEADER);
        String[][] methods = {{"sgd", "", "0.930"}, {"sgd-salr", "0.02", "0.945"}};
        for (String[] m : methods) {
            for (int seed = 1; seed <= 3; seed++) {
                csv.append("s,cifar10,resnet50,").append(m[0]).append(',').append(m[1]).append(',').append(seed)
                        .append(",test_accuracy,").append(Double.parseDouble(m[2]) + 0.001 * seed).append('\n');
            }
        }
        csv.append("s,cifar10,resnet50,sam,0.05,1,test_accuracy,0.94\n");
        return csv.toString();
    }

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Outcome(exit, err.toString());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheReport(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "tidy.csv", goodCsv());
        Path sweep = write(dir, "sweep.yaml", "study: s\n");
        Outcome o = run("report", csv.toString(), "--out", dir.resolve("out").toString(), "--sweep", sweep.toString());
        assertEquals(0, o.exit(), o.err());
        for (String name : new String[] {"summary.csv", "significance.csv", "tables.md", "tables.tex", "tables.html",
            "index.html", "figures/seeds-1.png", "figures/seeds-1.svg"}) {
            assertTrue(Files.exists(dir.resolve("out").resolve(name)), name);
        }
        String md = Files.readString(dir.resolve("out/tables.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("94.00 (n too small)"), md);
        assertTrue(md.contains("| Network | sam | sgd | sgd-salr |"), md);
        assertFalse(md.contains("NaN"), md);
        assertTrue(Files.readString(dir.resolve("out/index.html"), StandardCharsets.UTF_8).contains("study: s"));
    }

    private static void assertBadInput(Outcome o, String... fragments) {
        assertEquals(SalrCommand.EXIT_BAD_INPUT, o.exit(), o.err());
        for (String f : fragments) {
            assertTrue(o.err().contains(f), "error names '" + f + "': " + o.err());
        }
    }

    @Test
    void missingColumnIsBadInput(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "tidy.csv", "study,dataset,model,method,seed,metric,value\ns,d,m,sgd,1,acc,0.5\n");
        assertBadInput(run("report", csv.toString(), "--out", dir.resolve("out").toString()), "gamma");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void nonNumericValueIsBadInput(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "tidy.csv", HEADER + "s,d,m,sgd-salr,,1,acc,high\n");
        assertBadInput(run("report", csv.toString(), "--out", dir.resolve("out").toString()), "value", "'high'");
    }

    @Test
    void unknownReferenceIsBadInput(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "tidy.csv", goodCsv());
        assertBadInput(run("report", csv.toString(), "--out", dir.resolve("out").toString(), "--reference", "adam"),
                "'adam'", "sgd-salr");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void missingInputIsBadInput(@TempDir Path dir) {
        assertBadInput(run("report", dir.resolve("nope.csv").toString(), "--out", dir.resolve("out").toString()),
                "does not exist");
    }

    @Test
    void aFolderThatIsNotAStoreIsBadInput(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("store/runs"));
        assertBadInput(run("report", dir.resolve("store").toString(), "--out", dir.resolve("out").toString()),
                "is a folder but not a results store (it has no sweep.yaml)");
        assertBadInput(run("report", dir.toString(), "--out", dir.resolve("out").toString()), "not a results store");
    }

    @Test
    void constantGroupsNoLongerCrashTheReport(@TempDir Path dir) throws IOException {
        // issue 11, item 1: two methods collapsed to chance over 3 seeds made Holm throw "p[1] ... was NaN"
        StringBuilder csv = new StringBuilder(HEADER);
        for (String m : new String[] {"sgd", "sgd-salr", "adam"}) {
            for (int seed = 1; seed <= 3; seed++) {
                csv.append("s,cifar10,resnet50,").append(m).append(",,").append(seed).append(",test_accuracy,")
                        .append(m.equals("adam") ? 0.9 + seed / 1000.0 : 0.1).append('\n');
            }
        }
        Outcome o = run("report", write(dir, "tidy.csv", csv.toString()).toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, o.exit(), o.err());
        String sig = Files.readString(dir.resolve("out/significance.csv"), StandardCharsets.UTF_8);
        assertTrue(sig.contains(",sgd,sgd-salr,") && sig.contains("\"Mann-Whitney, failures ranked worst\",1,,"), sig);
        assertFalse(sig.contains("NaN") || sig.contains("E-1"), "std exactly 0, no 1e-17 noise: " + sig);
    }

    @Test
    void percentAccuracyIsBadInputAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path csv = write(dir, "tidy.csv", HEADER + "s,d,m,sgd-salr,,1,test_accuracy,78.5\n");
        assertBadInput(run("report", csv.toString(), "--out", dir.resolve("out").toString()),
                "value of metric 'test_accuracy'", "must be a fraction", "got 78.5");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void familyDirectionAndPrimaryAreOptionsAndBadValuesAreBadInput(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String m : new String[] {"sgd", "sgd-salr"}) {
            for (int seed = 1; seed <= 3; seed++) {
                csv.append("s,cifar10,resnet50,").append(m).append(",,").append(seed).append(",perplexity,")
                        .append(m.equals("sgd") ? 80 + seed : 70 + seed).append('\n');
                csv.append("s,cifar10,resnet50,").append(m).append(",,").append(seed).append(",test_accuracy,")
                        .append(0.9 + seed / 1000.0).append('\n');
            }
        }
        Path in = write(dir, "tidy.csv", csv.toString());
        Outcome o = run("report", in.toString(), "--out", dir.resolve("out").toString(), "--family", "study",
                "--primary", "perplexity", "--direction", "perplexity=lower");
        assertEquals(0, o.exit(), o.err());
        String sig = Files.readString(dir.resolve("out/significance.csv"), StandardCharsets.UTF_8);
        assertTrue(sig.contains("perplexity,lower,sgd,sgd-salr,study: perplexity,"), sig);
        String page = Files.readString(dir.resolve("out/index.html"), StandardCharsets.UTF_8);
        assertTrue(page.indexOf("id=\"headline\"") < page.indexOf("Tables</h2>"), "the headline opens the page");
        assertTrue(page.contains("Headline: perplexity"), "the primary metric leads");
        assertBadInput(run("report", in.toString(), "--out", dir.resolve("o2").toString(), "--family", "paper"),
                "--family", "paper");
        assertBadInput(run("report", in.toString(), "--out", dir.resolve("o3").toString(), "--direction", "perplexity"),
                "--direction", "METRIC=lower");
        assertFalse(Files.exists(dir.resolve("o2")) || Files.exists(dir.resolve("o3")), "nothing written");
    }

    @Test
    void summaryTestsAPublishedTableAtFaceValue(@TempDir Path dir) throws IOException {
        Path table = Path.of("..", "reports", "docs", "paper", "table-1-sgd.csv");
        Outcome o = run("report", "--summary", table.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, o.exit(), o.err());
        String csv = Files.readString(dir.resolve("out/summary-tests.csv"), StandardCharsets.UTF_8);
        // ttest_ind_from_stats(0.9325, 0.0003, 10, 0.9494, 0.0009, 10, equal_var=False).pvalue = 7.214454012585782e-15
        assertTrue(csv.contains("cifar10,resnet50,test_accuracy,higher,sgd,sgd-salr,10,0.9325,0.0003,10,0.9494,"), csv);
        assertTrue(csv.contains("7.21445E-15"), csv);
        assertTrue(Files.readString(dir.resolve("out/summary-tests.md"), StandardCharsets.UTF_8).contains("| cifar10 / resnet50 |"));
        Path percent = write(dir, "p.csv", "dataset,model,method,metric,mean,std,n\nc,r,sgd-salr,test_accuracy,93.2,0.1,10\n");
        assertBadInput(run("report", "--summary", percent.toString(), "--out", dir.resolve("o4").toString()),
                "93.2", "fraction");
        assertFalse(Files.exists(dir.resolve("o4")));
    }
}
