package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;

/** End-to-end tests of {@code salr train} through the command line, including a kill -9 and a resume. */
@Tag("slow")
class TrainCommandTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        io.salr.harness.run.SyntheticFashionMnistAccess.write(data, 600, 200, 3);
    }

    private static List<String> args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--method", "sgd-salr", "--model", "mlp",
                "--data-dir", data.toString(), "--subset", "320", "--test-subset", "100", "--epochs", "3",
                "--batch-size", "32", "--hidden", "16", "--seed", "5", "--eval-examples", "64",
                "--hessian-iterations", "3", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    private static int execute(List<String> args, StringBuilder err) {
        CommandLine cmd = SalrCommand.commandLine();
        java.io.StringWriter sw = new java.io.StringWriter();
        cmd.setErr(new PrintWriter(sw, true));
        int code = cmd.execute(args.toArray(String[]::new));
        err.append(sw);
        return code;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metrics(Path runDir) throws IOException {
        Map<String, Object> result = new ObjectMapper().readValue(runDir.resolve("result.json").toFile(), Map.class);
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) result.get("metrics"));
        m.remove("wall_seconds");
        return m;
    }

    private static String dropColumn(Path csv, String column) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int drop = List.of(lines.get(0).split(",")).indexOf(column);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                if (i != drop) {
                    sb.append(cells[i]).append(',');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void aRunKilledWithSigkillResumesFromItsCheckpointToTheSameResult(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, execute(args(reference), new StringBuilder()));

        Path killed = tmp.resolve("killed");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SalrCommand.class.getName()));
        command.addAll(args(killed, "--checkpoint-seconds", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path iterations = killed.resolve("iterations.csv");
        // wait until the child is in its second epoch (10 steps per epoch), then kill -9 it
        while (System.nanoTime() < deadline && p.isAlive()
                && !(Files.exists(iterations) && Files.readAllLines(iterations).size() > 14)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(killed.resolve("checkpoint.bin")), "a checkpoint survives the kill");
        assertFalse(Files.exists(killed.resolve("result.json")), "the killed run did not finish");

        assertEquals(0, execute(args(killed), new StringBuilder()), "the rerun resumes and completes");
        assertEquals(metrics(reference), metrics(killed));
        assertEquals(Files.readString(reference.resolve("iterations.csv")), Files.readString(killed.resolve("iterations.csv")));
        assertEquals(dropColumn(reference.resolve("epochs.csv"), "wall_seconds"),
                dropColumn(killed.resolve("epochs.csv"), "wall_seconds"));
    }

    /**
     * SIGTERM in the middle of a run: the run finishes its step, writes a checkpoint and exits with 143
     * (before: it exited at once and the work since the last checkpoint was lost); a rerun resumes it to the
     * same numbers as an uninterrupted run.
     */
    @Test
    void sigtermCheckpointsBeforeExitingAndTheRerunResumes(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, execute(args(reference), new StringBuilder()));

        Path stopped = tmp.resolve("stopped");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SalrCommand.class.getName()));
        command.addAll(args(stopped, "--checkpoint-seconds", "3600"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path iterations = stopped.resolve("iterations.csv");
        // wait until the child is inside its first epoch, long after the last checkpoint it would write on its own
        while (System.nanoTime() < deadline && p.isAlive()
                && !(Files.exists(iterations) && Files.readAllLines(iterations).size() > 4)) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "the child ended before the signal: " + Files.readString(tmp.resolve("child.log")));
        p.destroy(); // SIGTERM on Linux
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits after its checkpoint");
        assertEquals(143, p.exitValue(), Files.readString(tmp.resolve("child.log")));
        assertTrue(Files.exists(stopped.resolve("checkpoint.bin")), "the signal's checkpoint is written");
        assertFalse(Files.exists(stopped.resolve("result.json")), "a stopped run has no result");

        assertEquals(0, execute(args(stopped), new StringBuilder()), "the rerun resumes and completes");
        assertEquals(metrics(reference), metrics(stopped));
        assertEquals(Files.readString(reference.resolve("iterations.csv")), Files.readString(stopped.resolve("iterations.csv")));
    }

    @Test
    void badInputNamesTheFieldAndValueAndExitsWithTwo(@TempDir Path tmp) {
        StringBuilder err = new StringBuilder();
        List<String> a = args(tmp.resolve("x"));
        a.set(a.indexOf("sgd-salr"), "sgd-turbo");
        assertEquals(2, execute(a, err));
        assertTrue(err.toString().contains("method") && err.toString().contains("sgd-turbo"), err.toString());

        err.setLength(0);
        assertEquals(2, execute(args(tmp.resolve("y"), "--gamma", "-0.5"), err));
        assertTrue(err.toString().contains("gamma") && err.toString().contains("-0.5"), err.toString());

        err.setLength(0);
        assertEquals(2, execute(args(tmp.resolve("z"), "-P", "rho=0.1"), err));
        assertTrue(err.toString().contains("rho") && err.toString().contains("not a parameter of sgd-salr"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("y")) || Files.exists(tmp.resolve("z")),
                "nothing is written for bad input");
    }

    @Test
    void missingDataNamesTheDebianPackageAndTheOverride(@TempDir Path tmp) {
        StringBuilder err = new StringBuilder();
        List<String> a = args(tmp.resolve("run"));
        a.set(a.indexOf(data.toString()), tmp.resolve("nowhere").toString());
        assertEquals(2, execute(a, err));
        assertTrue(err.toString().contains("dataset-fashion-mnist") && err.toString().contains("--data-dir"), err.toString());
        assertFalse(Files.exists(tmp.resolve("run")));
    }
}
