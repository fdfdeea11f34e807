package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.datasets.real.DataFiles;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's checkpoint records the checksums of the data it trained on; resuming it with other data (a modified
 * copy of the training images in another data directory) is refused naming the file and both checksums, and
 * nothing in the run's folder changes. With the original data it resumes and completes.
 */
@Tag("slow")
class ResumeDataCheckTest {

    /** Thrown from the listener to stop a run the way a kill would. */
    static final class SimulatedKill extends Error {
        private static final long serialVersionUID = 1L;
    }

    static Trainer.Options options(Path data, Trainer.Listener listener) {
        return Trainer.Options.defaults().withDataDir(Optional.of(data)).withCheckpointSeconds(0).withListener(listener)
                .withLog(m -> { });
    }

    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var all = Files.list(dir)) {
            for (Path p : all.toList()) {
                files.put(p.getFileName().toString(), DataFiles.sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void aResumeWithOtherDataIsRefusedNamingTheFileAndBothChecksums(@TempDir Path tmp) throws IOException {
        Path original = SyntheticFashionMnist.write(tmp.resolve("original"), 600, 200, 1);
        Path modified = tmp.resolve("modified");
        Files.createDirectories(modified);
        try (var files = Files.list(original)) {
            for (Path p : files.toList()) {
                Files.copy(p, modified.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path images = modified.resolve("train-images-idx3-ubyte");
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
            f.seek(f.length() / 2); // one pixel of the modified copy changes
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x5A);
        }
        String before = DataFiles.sha256(Files.readAllBytes(original.resolve("train-images-idx3-ubyte")));
        String after = DataFiles.sha256(Files.readAllBytes(images));

        RunSpec spec = TrainerTest.spec("sgd", Map.of(), Budget.epochs(2), 5);
        Path dir = tmp.resolve("run");
        assertThrows(SimulatedKill.class, () -> Trainer.run(spec, new RunFolder(dir), options(original, new Trainer.Listener() {
            @Override
            public void iterationEnd(long k, double loss, long gradientCalls) {
                if (k == 13) {
                    throw new SimulatedKill();
                }
            }
        })));
        Map<String, String> stopped = snapshot(dir);
        assertTrue(stopped.containsKey("checkpoint.bin"), "the stopped run has a checkpoint: " + stopped.keySet());

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Trainer.run(spec, new RunFolder(dir), options(modified, Trainer.Listener.NONE)));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains(before)
                && e.getMessage().contains(after), e.getMessage());
        assertEquals(stopped, snapshot(dir), "nothing in the run's folder changed");

        RunResult resumed = Trainer.run(spec, new RunFolder(dir), options(original, Trainer.Listener.NONE));
        assertEquals(RunStatus.COMPLETED, resumed.status(), resumed.cause().toString());
    }

    @Test
    void aCheckpointKeepsItsDataChecksums(@TempDir Path tmp) {
        Checkpoint c = new Checkpoint("id", 3, 0, 3, new int[] {1, 0}, Map.of(), new double[] {0.5},
                new io.salr.optimizers.methods.MethodState(Map.of(), Map.of(), Map.of(), Optional.empty()),
                new io.salr.optimizers.meter.MeterReading(1, 2, 3, 4), new io.salr.optimizers.meter.MeterReading(0, 0, 0, 0),
                0, 0, new double[0], Double.NaN, 1.5, Map.of("train-images-idx3-ubyte", "ab".repeat(32)));
        Path file = tmp.resolve("checkpoint.bin");
        c.write(file);
        assertEquals(Map.of("train-images-idx3-ubyte", "ab".repeat(32)), Checkpoint.read(file).dataChecksums());
    }
}
