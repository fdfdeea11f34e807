package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * A run survives what machines do to it (issue 14, items 3 and 4): a corrupt checkpoint is refused and
 * the previous generation (or a fresh start) takes over; a write that fails (disk full) keeps the last good
 * checkpoint, is recorded as an infrastructure failure, and a plain rerun resumes; stale temporary files are
 * removed. In every case the final numbers equal those of an uninterrupted run, bit for bit.
 */
@Tag("slow")
class RunReliabilityTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        SyntheticFashionMnist.write(data, 600, 200, 1);
    }

    /** Thrown from the listener to stop a run the way a kill would: nothing after it is written. */
    static final class SimulatedKill extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static RunSpec spec() {
        return TrainerTest.spec("sgd-salr", Map.of(), Budget.epochs(3), 7);
    }

    private static Trainer.Options options(Trainer.Listener listener) {
        return Trainer.Options.defaults().withDataDir(Optional.of(data)).withCheckpointSeconds(0).withListener(listener)
                .withLog(m -> { });
    }

    private static Map<String, Object> metricsWithoutWallTime(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        r.metrics().forEach((k, v) -> m.put(k.id(), v));
        m.remove("wall_seconds");
        return m;
    }

    /** Runs until {@code iteration}, then stops as a kill would. */
    private static void runUntil(Path dir, long iteration) {
        try {
            Trainer.run(spec(), new RunFolder(dir), options(new Trainer.Listener() {
                @Override
                public void iterationEnd(long k, double loss, long gradientCalls) {
                    if (k == iteration) {
                        throw new SimulatedKill();
                    }
                }
            }));
        } catch (SimulatedKill expected) {
            return;
        }
        throw new AssertionError("the run ended before iteration " + iteration);
    }

    private static void flipBytes(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = f.length() / 2;
            for (int i = 0; i < 16; i++) {
                f.seek(middle + i);
                int b = f.read();
                f.seek(middle + i);
                f.write(b ^ 0xA5);
            }
        }
    }

    @Test
    void aCorruptCheckpointIsRefusedAndThePreviousGenerationTakesOver(@TempDir Path tmp) throws IOException {
        RunResult whole = Trainer.run(spec(), new RunFolder(tmp.resolve("whole")), options(Trainer.Listener.NONE));
        Path dir = tmp.resolve("corrupt");
        runUntil(dir, 17);
        assertTrue(Files.exists(dir.resolve("checkpoint.prev.bin")), "two generations are kept");
        flipBytes(dir.resolve("checkpoint.bin"));
        StringBuilder notices = new StringBuilder();
        RunResult resumed = Trainer.run(spec(), new RunFolder(dir),
                options(Trainer.Listener.NONE).withLog(m -> notices.append(m).append('\n')));
        assertTrue(notices.toString().contains(dir.resolve("checkpoint.bin").toString())
                && notices.toString().contains("checksum"), notices.toString());
        assertEquals(RunStatus.COMPLETED, resumed.status());
        assertEquals(metricsWithoutWallTime(whole), metricsWithoutWallTime(resumed));
        assertEquals(Files.readString(tmp.resolve("whole/iterations.csv")), Files.readString(dir.resolve("iterations.csv")));
        assertFalse(Files.exists(dir.resolve("checkpoint.bin")) || Files.exists(dir.resolve("checkpoint.prev.bin")),
                "a complete run keeps no checkpoint");
    }

    @Test
    void withEveryCheckpointCorruptTheRunStartsOverAndStillAgrees(@TempDir Path tmp) throws IOException {
        RunResult whole = Trainer.run(spec(), new RunFolder(tmp.resolve("whole")), options(Trainer.Listener.NONE));
        Path dir = tmp.resolve("both");
        runUntil(dir, 12);
        flipBytes(dir.resolve("checkpoint.bin"));
        flipBytes(dir.resolve("checkpoint.prev.bin"));
        RunResult restarted = Trainer.run(spec(), new RunFolder(dir), options(Trainer.Listener.NONE));
        assertEquals(metricsWithoutWallTime(whole), metricsWithoutWallTime(restarted));
        assertEquals(Files.readString(tmp.resolve("whole/iterations.csv")), Files.readString(dir.resolve("iterations.csv")));
    }

    /**
     * A checkpoint write that fails (here: its file name is taken by a directory, as a full disk would fail
     * the write) must not cost the last good checkpoint; the run is recorded as an infrastructure failure and
     * a plain rerun resumes it to the same numbers.
     */
    @Test
    void aFailedCheckpointWriteKeepsTheLastGoodOneAndARerunResumes(@TempDir Path tmp) throws IOException {
        RunResult whole = Trainer.run(spec(), new RunFolder(tmp.resolve("whole")), options(Trainer.Listener.NONE));
        Path dir = tmp.resolve("full");
        Path blocker = dir.resolve("checkpoint.next.bin");
        RunResult failed = Trainer.run(spec(), new RunFolder(dir), options(new Trainer.Listener() {
            @Override
            public void iterationEnd(long k, double loss, long gradientCalls) {
                if (k == 15) {
                    try {
                        Files.createDirectories(blocker.resolve("x"));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }));
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals(Optional.of(RunResult.FailureKind.INFRASTRUCTURE), failed.failure());
        assertTrue(failed.cause().orElse("").contains("rerun the same command to resume"), failed.cause().toString());
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")), "the last good checkpoint is kept");
        assertTrue(Files.readString(dir.resolve("failure.txt")).contains("at io.salr"), "the stack trace is kept");
        Files.delete(blocker.resolve("x"));
        Files.delete(blocker);
        RunResult resumed = Trainer.run(spec(), new RunFolder(dir), options(Trainer.Listener.NONE));
        assertEquals(RunStatus.COMPLETED, resumed.status());
        assertEquals(metricsWithoutWallTime(whole), metricsWithoutWallTime(resumed));
        assertTrue(Files.exists(dir.resolve("result.failed-1.json")), "the failure's result is kept beside");
    }

    @Test
    void staleTemporaryFilesAreRemovedWhenARunStarts(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("stale");
        runUntil(dir, 5);
        Path stale = dir.resolve(".checkpoint.bin.12345.tmp");
        Files.write(stale, new byte[1024]);
        Trainer.run(spec(), new RunFolder(dir), options(Trainer.Listener.NONE));
        assertFalse(Files.exists(stale));
        assertTrue(List.of(RunStatus.values()).contains(RunResult.fromMap(RunFolder.readJson(dir.resolve("result.json"))).status()));
    }
}
