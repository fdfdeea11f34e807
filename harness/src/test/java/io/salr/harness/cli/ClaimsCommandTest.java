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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;

/** {@code salr claims} on tidy CSVs: the files it writes, the page it opens with, and bad input. */
@Tag("slow")
class ClaimsCommandTest {

    private static final Path CLAIMS = Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml");

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));
        int exit = cmd.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** SGD clearly ahead of SGD-SALR on 5 seeds, SALR with a tenth of SGD's iterations at equal gradient calls. */
    private static String csv(String study, double salr, double sgd) {
        StringBuilder csv = new StringBuilder("study,dataset,model,method,gamma,seed,metric,value\n");
        for (int seed = 0; seed < 5; seed++) {
            double jitter = 0.001 * (seed - 2);
            csv.append(study).append(",fashion-mnist,mlp,sgd-salr,0.01,").append(seed).append(",test_accuracy,").append(salr + jitter).append('\n');
            csv.append(study).append(",fashion-mnist,mlp,sgd-salr,0.01,").append(seed).append(",iterations,469\n");
            csv.append(study).append(",fashion-mnist,mlp,sgd-salr,0.01,").append(seed).append(",grad_calls,4690\n");
            csv.append(study).append(",fashion-mnist,mlp,sgd,,").append(seed).append(",test_accuracy,").append(sgd - jitter).append('\n');
            csv.append(study).append(",fashion-mnist,mlp,sgd,,").append(seed).append(",iterations,4690\n");
            csv.append(study).append(",fashion-mnist,mlp,sgd,,").append(seed).append(",grad_calls,4690\n");
        }
        return csv.toString();
    }

    @Test
    void writesClaimsCsvMarkdownAndAReportThatOpensWithTheClaims(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("runs.csv"), csv("a", 0.80, 0.85), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Outcome o = run("claims", input.toString(), "--claims", CLAIMS.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        List<String> rows = Files.readAllLines(out.resolve("claims.csv"));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("table-1-sgd,verdict,Table I (top),contradicted,fashion-mnist,mlp,"
                + "sgd-salr (gamma=0.01),sgd,test_accuracy,superiority")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("table-1-adam,verdict,Table I (bottom),not tested,")),
                String.join("\n", rows));
        // the same loss read as epochs: SALR ran a tenth of SGD's iterations, not the claimed fifth: the design
        // cannot test the claim
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("fewer-epochs,verdict,") && r.contains(",not tested,")
                && r.contains("not tested: the baseline ran 10 times the method's iterations")), String.join("\n", rows));
        String html = Files.readString(out.resolve("index.html"));
        int claims = html.indexOf("id=\"claims\"");
        assertTrue(claims > 0 && claims < html.indexOf("<h2>Tables</h2>"), "the claims open the page");
        assertTrue(html.contains("verdict-contradicted"), "the contradicted verdict is marked");
        String md = Files.readString(out.resolve("claims.md"));
        assertTrue(md.startsWith("_Evidence: fashion-mnist/mlp; 2 methods; 5 seeds per method; 4690 gradient calls per run"), md);
        assertTrue(md.contains("sgd-salr vs sgd: worse, -5 pp"), md);
    }

    @Test
    void mergesSeveralInputsAndRefusesTheSameRunsTwice(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), csv("a", 0.80, 0.85), StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("b.csv"), csv("b", 0.81, 0.84), StandardCharsets.UTF_8);
        Outcome o = run("claims", a.toString(), b.toString(), "--claims", CLAIMS.toString(), "--out", dir.resolve("ab").toString());
        assertEquals(0, o.exit(), o.err());
        // ten runs per method: the two studies' seeds are pooled
        assertTrue(Files.readString(dir.resolve("ab").resolve("claims.csv")).contains(",10,10,"));
        Outcome twice = run("claims", a.toString(), a.toString(), "--claims", CLAIMS.toString(), "--out", dir.resolve("aa").toString());
        assertEquals(2, twice.exit(), twice.err());
        assertTrue(twice.err().contains("duplicates"), twice.err());
        assertFalse(Files.exists(dir.resolve("aa")), "nothing is written on bad input");
    }

    @Test
    void aBadClaimsFileNamesTheFieldAndWritesNothing(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("runs.csv"), csv("a", 0.80, 0.85), StandardCharsets.UTF_8);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                paper: p
                claims:
                  - {id: x, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     alpha: 0.7, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """, StandardCharsets.UTF_8);
        Outcome o = run("claims", input.toString(), "--claims", bad.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("claims[0].alpha") && o.err().contains("0.7"), o.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** A committed study folder: results.csv, the SALR runs' spec, result and gzipped iteration log, and claims.csv. */
    private static final Path STUDY = Path.of("src", "test", "resources", "io", "salr", "harness", "cli", "study-fixture");

    @Test
    void aCommittedStudyFolderReproducesItsCommittedClaimsExactly(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Outcome o = run("claims", STUDY.toString(), "--claims", CLAIMS.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        String produced = Files.readString(out.resolve("claims.csv"), StandardCharsets.UTF_8);
        assertEquals(Files.readString(STUDY.resolve("report").resolve("claims.csv"), StandardCharsets.UTF_8), produced);
        // the mechanism check read the 4 completed SALR runs' logs (the 2 diverged ones are left out)
        assertTrue(produced.lines().anyMatch(r -> r.startsWith("rate-follows-sharpness,mechanism check,")
                && r.contains("4 runs, one correlation per run")), produced);
        // flatness at equal iterations against SGD's control runs (horizon iterations-of:sgd-salr)
        assertTrue(produced.lines().anyMatch(r -> r.startsWith("flatter-equal-iterations,verdict,")
                && r.contains("sgd (horizon=iterations-of:sgd-salr)")), produced);
        assertTrue(Files.readString(out.resolve("index.html")).contains("id=\"forest\""), "the page opens with the forest plot");
    }

    /**
     * The published first study: its committed claims.csv is what {@code ./salr claims} makes of its committed
     * results.csv with the shipped claims file, byte for byte (regenerate both together when the statistics change).
     */
    @Test
    void thePublishedFirstStudyReproducesItsCommittedClaims(@TempDir Path dir) throws IOException {
        Path study = Path.of("..", "results", "paper-fmnist-mlp");
        Path out = dir.resolve("out");
        Outcome o = run("claims", study.resolve("results.csv").toString(), "--claims", CLAIMS.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(Files.readString(study.resolve("report").resolve("claims.csv"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("claims.csv"), StandardCharsets.UTF_8));
    }

    /**
     * The published fine-tuning study (Table VI): its committed folder (a thinned store with results.csv and the
     * final runs' logs) gives its committed claims.csv, byte for byte.
     */
    @Test
    void thePublishedFinetuneStudyReproducesItsCommittedClaims(@TempDir Path dir) throws IOException {
        Path study = Path.of("..", "results", "paper-finetune");
        Path out = dir.resolve("out");
        Outcome o = run("claims", study.resolve("store").toString(), "--claims", CLAIMS.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        String produced = Files.readString(out.resolve("claims.csv"), StandardCharsets.UTF_8);
        assertEquals(Files.readString(study.resolve("report").resolve("claims.csv"), StandardCharsets.UTF_8), produced);
        // Table VI's claims are tested on the fine-tuned runs; Table I's are not (another task)
        assertTrue(produced.lines().anyMatch(r -> r.startsWith("table-6-finetune,verdict,") && r.contains("finetuned")), produced);
        assertTrue(produced.lines().anyMatch(r -> r.startsWith("table-1-sgd,verdict,") && r.contains("not tested")), produced);
    }

    /** The published text study (Table V): its committed folder gives its committed claims.csv, byte for byte. */
    @Test
    void thePublishedTextStudyReproducesItsCommittedClaims(@TempDir Path dir) throws IOException {
        Path study = Path.of("..", "results", "paper-text");
        Path out = dir.resolve("out");
        Outcome o = run("claims", study.resolve("store").toString(), "--claims", CLAIMS.toString(), "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        String produced = Files.readString(out.resolve("claims.csv"), StandardCharsets.UTF_8);
        assertEquals(Files.readString(study.resolve("report").resolve("claims.csv"), StandardCharsets.UTF_8), produced);
        assertTrue(produced.lines().anyMatch(r -> r.startsWith("table-5-text,verdict,") && r.contains("perplexity")), produced);
    }

    @Test
    void aStudyRunWithALogButNoSpecIsRefusedByName(@TempDir Path dir) throws IOException {
        Path study = dir.resolve("study");
        Files.createDirectories(study.resolve("runs").resolve("r1"));
        Files.copy(STUDY.resolve("results.csv"), study.resolve("results.csv"));
        Files.copy(STUDY.resolve("runs").resolve("6c720a699ff691c6").resolve("iterations.csv.gz"),
                study.resolve("runs").resolve("r1").resolve("iterations.csv.gz"));
        Outcome o = run("claims", study.toString(), "--claims", CLAIMS.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("spec.json") && o.err().contains("is missing"), o.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written on bad input");
    }

    /** A run folder whose spec.json holds another run's spec (its id is not the spec's hash) is refused by name. */
    @Test
    void aStudyRunWhoseSpecIsNotItsIdIsRefusedByName(@TempDir Path dir) throws IOException {
        Path study = dir.resolve("study");
        Path run = study.resolve("runs").resolve("6c720a699ff691c6");
        Files.createDirectories(run);
        Files.copy(STUDY.resolve("results.csv"), study.resolve("results.csv"));
        for (String f : new String[] {"iterations.csv.gz", "result.json", "spec.json"}) {
            Files.copy(STUDY.resolve("runs").resolve("6c720a699ff691c6").resolve(f), run.resolve(f));
        }
        Files.writeString(run.resolve("spec.json"), Files.readString(run.resolve("spec.json")).replace("\"seed\" : 0", "\"seed\" : 7"));
        Outcome o = run("claims", study.toString(), "--claims", CLAIMS.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("spec.json id") && o.err().contains("6c720a699ff691c6"), o.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written on bad input");
    }
}
