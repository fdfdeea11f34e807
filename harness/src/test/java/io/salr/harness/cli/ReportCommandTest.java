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
                "is not a results store (no sweep.yaml)");
        assertBadInput(run("report", dir.toString(), "--out", dir.resolve("out").toString()), "no runs/");
    }
}
