package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store race between processes, as two sweeps on one machine (or on a shared file system) meet it: two JVMs
 * started together prepare the same new store with different specs, round after round; exactly one prepares
 * it, the other is refused, and sweep.yaml holds the winner's spec. Both JVMs wait for one agreed instant
 * before they call {@link Store#prepare}, so their calls overlap rather than follow their start-up order.
 */
@Tag("slow")
class StorePrepareProcessRaceTest {

    /** One contender: prepares STORE with a one-run spec of study STUDY at wall-clock time START_MILLIS. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String spec = StorePrepareRaceTest.spec(args[1]);
        SweepPlan plan = SweepSpec.parse(spec).plan();
        long start = Long.parseLong(args[2]);
        while (System.currentTimeMillis() < start) {
            Thread.onSpinWait();
        }
        try {
            new Store(root).prepare(plan, spec);
            System.out.println("won");
        } catch (InvalidParameterException e) {
            System.out.println(e.getMessage().contains("holds another sweep spec") ? "refused" : "error: " + e.getMessage());
        }
    }

    @Test
    void ofTwoProcessesCreatingOneStoreAtOnceExactlyOneWins(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        for (int round = 0; round < 8; round++) {
            Path root = dir.resolve("store-" + round);
            long start = System.currentTimeMillis() + 2500; // both JVMs are up by then on a loaded machine
            List<Process> contenders = new ArrayList<>();
            for (String study : new String[] {"first", "second"}) {
                contenders.add(new ProcessBuilder(java, "-cp", classPath, StorePrepareProcessRaceTest.class.getName(),
                        root.toString(), study, Long.toString(start)).redirectErrorStream(true).start());
            }
            List<String> outcomes = new ArrayList<>();
            for (Process p : contenders) {
                outcomes.add(outcome(p));
            }
            assertEquals(1, outcomes.stream().filter(o -> o.equals("refused")).count(), "round " + round + ": " + outcomes);
            assertEquals(1, outcomes.stream().filter(o -> o.equals("won")).count(), "round " + round + ": " + outcomes);
            String winner = outcomes.get(0).equals("won") ? "first" : "second";
            assertEquals(StorePrepareRaceTest.spec(winner), Files.readString(root.resolve("sweep.yaml")), "round " + round);
        }
    }

    private static String outcome(Process p) throws IOException, InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String last = out.strip().lines().reduce((x, y) -> y).orElse("");
        return last;
    }
}
