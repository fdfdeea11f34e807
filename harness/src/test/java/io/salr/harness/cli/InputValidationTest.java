package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.harness.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Inputs that used to be accepted silently, or to end with the wrong exit code (issue 14, items 5 to 7): each
 * is refused with exit 2 and a message naming the field and the value, and nothing is written; running out
 * of memory ends with its own exit code.
 */
class InputValidationTest {

    static final String SPEC = """
            study: inputs
            models: [mlp]
            methods: [sgd]
            seeds: [1]
            budget: {epochs: 1}
            data: {train_subset: 100, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 8}
            evaluation: {sharpness_examples: 20, hessian_iterations: 1}
            """;

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 2);
    }

    /** Runs salr in this JVM, capturing picocli's streams and System.out (train prints there). */
    record Run(int code, String out, String err) {
    }

    static Run salr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return capture(cmd, args, out, err);
    }

    private static Run capture(CommandLine cmd, String[] args, StringWriter out, StringWriter err) {
        PrintStream saved = System.out;
        ByteArrayOutputStream sysout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(sysout, true, StandardCharsets.UTF_8));
        try {
            int code = cmd.execute(args);
            return new Run(code, out + sysout.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    private static Path spec(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }

    private static void badInput(Run r, Path mustNotExist, String... fragments) {
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
        }
        if (mustNotExist != null) {
            assertFalse(Files.exists(mustNotExist), mustNotExist + " was written");
        }
    }

    private static List<String> train(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--method", "sgd", "--model", "mlp", "--data-dir", data.toString(),
                "--epochs", "1", "--hidden", "8", "--eval-examples", "0", "--hessian-iterations", "0"));
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        a.addAll(List.of(extra));
        return a;
    }

    // ---- item 6: subsets larger than the data

    @Test
    void aTrainingSubsetLargerThanTheDataIsRefusedWithItsSize() {
        Path out = dir.resolve("never-train");
        badInput(salr(train(out, "--subset", "100000").toArray(String[]::new)), out,
                "subset exceeds the 60000 training examples of fashion-mnist", "got 100000");
        badInput(salr(train(out, "--test-subset", "999999").toArray(String[]::new)), out,
                "test-subset exceeds the 10000 test examples of fashion-mnist", "got 999999");
    }

    @Test
    void aSubsetLargerThanATextCorpusIsRefusedOnceTheCorpusIsRead() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "the quick brown fox jumps over the lazy dog. ".repeat(500));
        Path out = dir.resolve("never-text");
        Run r = salr("train", "--method", "sgd", "--model", "char-lstm", "--dataset", "text:" + corpus, "--subset", "100000",
                "--epochs", "1", "--hidden", "8", "--out", out.toString());
        badInput(r, out, "subset exceeds the", "training examples of text:" + corpus, "got 100000");
        String yaml = SPEC.replace("models: [mlp]", "datasets: ['text:" + corpus + "']\nmodels: [char-lstm]")
                .replace("train_subset: 100", "train_subset: 100000");
        Path store = dir.resolve("never-text-store");
        badInput(salr("sweep", spec("text", yaml).toString(), "--store", store.toString(), "--in-process"), store,
                "data.train_subset exceeds the", "training examples of text:" + corpus);
    }

    @Test
    void aSweepSubsetLargerThanTheDataIsRefusedWithItsSize() throws IOException {
        Path spec = spec("big-subset", SPEC.replace("train_subset: 100", "train_subset: 1000000"));
        Path store = dir.resolve("never-subset");
        badInput(salr("plan", spec.toString()), null, "data.train_subset exceeds the 60000 training examples of fashion-mnist",
                "got 1000000");
        badInput(salr("sweep", spec.toString(), "--store", store.toString(), "--in-process"), store, "data.train_subset");
        Path test = spec("big-test", SPEC.replace("test_subset: 50", "test_subset: 10001"));
        badInput(salr("plan", test.toString()), null, "data.test_subset exceeds the 10000 test examples of fashion-mnist");
        badInput(salr("plan", spec("cifar", SPEC.replace("models: [mlp]", "datasets: [cifar10]\nmodels: [mlp]")
                .replace("train_subset: 100", "train_subset: 50001")).toString()), null, "50000 training examples of cifar10");
    }

    // ---- item 6: grids too large to plan

    @Test
    void aGridAboveTheLimitIsRefusedBeforeItIsExpanded() throws IOException {
        StringBuilder lrs = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            lrs.append(i == 1 ? "" : ", ").append(i / 10000.0);
        }
        // 1000 x 1000 x 10 = 10^7 runs: expanding them took a minute and ran out of memory
        String yaml = SPEC.replace("methods: [sgd]", "methods: [sgd]\ngrid: {lr: [" + lrs + "], momentum: [" + lrs + "]}")
                .replace("seeds: [1]", "seeds: 10");
        long start = System.nanoTime();
        badInput(salr("plan", spec("huge", yaml).toString()), null, "grid is larger than the " + SweepSpec.MAX_RUNS + " runs",
                "got 10000000 runs (1 datasets x 1 models x 1 engines x 1000000 method configurations x 10 seeds)");
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "refused without expanding");
        badInput(salr("plan", spec("just-above", SPEC.replace("methods: [sgd]", "methods: [sgd]\ngrid: {lr: [" + lrs + "]}")
                .replace("seeds: [1]", "seeds: 101")).toString()), null, "got 101000 runs");
    }

    // ---- item 6: duplicate keys

    @Test
    void aDuplicateKeyInASpecIsRefused() throws IOException {
        Path store = dir.resolve("never-dup");
        Path spec = spec("dup", SPEC.replace("seeds: [1]", "seeds: 1\nseeds: 2"));
        badInput(salr("sweep", spec.toString(), "--store", store.toString(), "--in-process"), store,
                "seeds is given twice in the spec", "line 5");
        badInput(salr("plan", spec("dup-nested", SPEC.replace("batch_size: 50", "batch_size: 50\nbudget: {epochs: 2}"))
                .toString()), null, "budget is given twice");
        badInput(salr("plan", spec("dup-inner", SPEC.replace("hidden: 8}", "hidden: 8, hidden: 9}")).toString()), null,
                "hidden is given twice");
    }

    // ---- item 6: empty paths, shards beyond the runs

    @Test
    void anEmptyOutIsRefusedByEveryCommand() throws IOException {
        Path spec = spec("out", SPEC);
        Path csv = dir.resolve("tidy.csv");
        Files.writeString(csv, "study,dataset,model,method,gamma,seed,metric,value\ns,d,m,sgd,,1,test_accuracy,0.5\n");
        for (List<String> args : List.of(train(null, "--out", ""), List.of("report", csv.toString(), "--out", ""),
                List.of("gate", "--baseline", csv.toString(), "--candidate", csv.toString(), "--out", ""),
                List.of("export", dir.resolve("nostore").toString(), "--out", ""),
                List.of("slurm", spec.toString(), "--store", dir.resolve("never-slurm").toString(), "--out", ""),
                List.of("sweep", spec.toString(), "--store", ""))) {
            Run r = salr(args.toArray(String[]::new));
            assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), args + ": " + r.out() + r.err());
            assertTrue(r.err().contains("''") && r.err().contains("must not be empty"), args + ": " + r.err());
        }
        try (var files = Files.list(Path.of(""))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().matches("[0-9a-f]{16}|spec\\.json|gate\\.md")),
                    "nothing written in the working directory");
        }
        assertFalse(Files.exists(dir.resolve("never-slurm")));
    }

    @Test
    void moreSlurmShardsThanRunsAreRefused() throws IOException {
        Path store = dir.resolve("never-shards");
        badInput(salr("slurm", spec("shards", SPEC).toString(), "--store", store.toString(), "--shards", "100000"), store,
                "shards exceeds the 1 runs of the sweep", "got 100000");
    }

    // ---- item 5: the number of workers

    @Test
    void moreWorkersThanCoresAreRefusedUnlessOversubscribed() throws IOException {
        Path store = dir.resolve("never-workers");
        int cores = Runtime.getRuntime().availableProcessors();
        badInput(salr("sweep", spec("workers", SPEC).toString(), "--store", store.toString(), "--workers", "99999"), store,
                "workers exceeds the " + cores + " cores of this machine", "--oversubscribe", "got 99999");
        badInput(salr("sweep", spec("workers0", SPEC).toString(), "--store", store.toString(), "--workers", "0"), store,
                "workers must be >= 1");
        badInput(salr("sweep", spec("timeout0", SPEC).toString(), "--store", store.toString(), "--claim-timeout", "0"), store,
                "claim-timeout");
        Run ok = salr("sweep", spec("over", SPEC).toString(), "--store", store.toString(), "--workers", Integer.toString(cores + 1),
                "--oversubscribe", "--in-process", "--data-dir", data.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
    }

    @Test
    void widenTuningIsRefusedForASweepWithoutATuningStage() throws IOException {
        Path store = dir.resolve("never-widened");
        badInput(salr("sweep", spec("untuned", SPEC).toString(), "--store", store.toString(), "--widen-tuning",
                "--in-process", "--data-dir", data.toString()), store, "widen-tuning applies to a tuned study");
    }

    // ---- item 6: out of memory

    /** A command that runs out of memory, as {@code plan} of a huge grid or {@code gate} of a huge file did. */
    @CommandLine.Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        @Override
        public Integer call() {
            long[] hog = new long[Integer.MAX_VALUE - 8]; // 16 GiB: more than the test JVM's heap
            return hog.length;
        }
    }

    @Test
    void runningOutOfMemoryEndsWithItsOwnExitCodeAndAMessage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.addSubcommand("exhaust", new Exhaust());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        Run r = capture(cmd, new String[] {"exhaust"}, out, err);
        assertEquals(SalrCommand.EXIT_OUT_OF_MEMORY, r.code(), r.err());
        assertEquals(4, r.code());
        assertTrue(r.err().contains("salr exhaust: error: out of memory ("), r.err());
        assertTrue(r.err().contains("SALR_JAVA_OPTS=-Xmx"), r.err());
    }

    // ---- item 7: "run ID -> DIR" only once a run starts

    @Test
    void anErrorBeforeTheRunStartsPrintsNoRunLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-data"));
        Path out = dir.resolve("never-run");
        List<String> args = new ArrayList<>(train(out));
        args.set(args.indexOf(data.toString()), empty.toString());
        Run r = salr(args.toArray(String[]::new));
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("not found"), r.err());
        assertFalse(r.out().contains("run "), "no 'run ID -> DIR' before the error: " + r.out());
        Run ok = salr(train(dir.resolve("a-run"), "--subset", "100", "--test-subset", "50").toArray(String[]::new));
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("run ") && ok.out().contains(" -> " + dir.resolve("a-run")), ok.out());
    }
}
