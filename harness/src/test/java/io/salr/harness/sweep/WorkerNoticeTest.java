package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's notices (a checkpoint passed over, say) reach the sweep's console as well as the run's log; its
 * other lines go to the log only. The worker here is a shell script that speaks the line protocol.
 */
class WorkerNoticeTest {

    @Test
    void noticesReachTheConsoleAndTheLogOtherLinesOnlyTheLog(@TempDir Path tmp) throws Exception {
        String script = "read request; echo 'training epoch 1'; echo '" + WorkerMain.NOTICE
                + "checkpoint c.bin failed its checksum; falling back to a fresh start'; echo '" + WorkerMain.REPLY + "run1 0'";
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        SweepRunner.WorkerJvm w = new SweepRunner.WorkerJvm(p, 1);
        Path log = tmp.resolve("worker.log");
        List<String> console = new ArrayList<>();
        WorkerMain.Request request = new WorkerMain.Request("run1", Map.of(), Optional.empty(), "", Duration.ofSeconds(120),
                Optional.empty());
        OptionalInt answer = w.run(request, log, console::add);
        assertEquals(OptionalInt.of(0), answer);
        assertEquals(List.of("checkpoint c.bin failed its checksum; falling back to a fresh start"), console);
        String written = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(written.contains("training epoch 1\n"), written);
        assertTrue(written.contains("checkpoint c.bin failed its checksum"), written);
        assertFalse(written.contains(WorkerMain.NOTICE), "the log holds the notice without its prefix: " + written);
        p.waitFor();
    }
}
