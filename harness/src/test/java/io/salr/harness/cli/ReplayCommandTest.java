package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * {@code salr replay}: record a pinned run, replay it bit for bit, and report a tampered record as a
 * difference (exit 1) naming the value. In this JVM ({@code --in-process}) on the synthetic data; the
 * committed ci/pinned is replayed by ci/gate.sh in a worker JVM on the real data.
 */
@Tag("slow")
class ReplayCommandTest {

    static final String PINNED = """
            study: pinned-test
            models: [mlp]
            methods: [sgd-salr]
            seeds: [0]
            budget: {epochs: 1}
            data: {train_subset: 100, test_subset: 100}
            batch_size: 25
            model_options: {hidden: 8}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void recordReplayAndDetectAChange() throws IOException {
        Path data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 5);
        Path pinned = dir.resolve("pinned");
        Files.createDirectories(pinned);
        Files.writeString(pinned.resolve("sweep.yaml"), PINNED);
        String[] common = {"--in-process", "--data-dir", data.toString()};

        SweepCommandsTest.Result missing = SweepCommandsTest.salr("replay", pinned.toString(), common[0], common[1], common[2]);
        assertEquals(SalrCommand.EXIT_BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("expected.json") && missing.err().contains("--record"), missing.err());

        SweepCommandsTest.Result record = SweepCommandsTest.salr("replay", pinned.toString(), "--record", common[0], common[1],
                common[2]);
        assertEquals(0, record.code(), record.out() + record.err());
        String expected = Files.readString(pinned.resolve("expected.json"));
        assertTrue(expected.contains("\"test_accuracy\"") && expected.contains("iterations_csv_sha256")
                && !expected.contains("wall_seconds"), expected);

        SweepCommandsTest.Result replay = SweepCommandsTest.salr("replay", pinned.toString(), common[0], common[1], common[2]);
        assertEquals(0, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("IDENTICAL"), replay.out());

        // one ulp off in a recorded metric is a difference
        String tampered = expected.replaceFirst("\"test_loss\" : ([0-9.Ee-]+)", "\"test_loss\" : 1.0E-300");
        Files.writeString(pinned.resolve("expected.json"), tampered);
        SweepCommandsTest.Result changed = SweepCommandsTest.salr("replay", pinned.toString(), common[0], common[1], common[2]);
        assertEquals(1, changed.code(), changed.out() + changed.err());
        assertTrue(changed.out().contains("DIFFERENT: 1 value(s)") && changed.out().contains("metrics.test_loss: recorded 1.0E-300"),
                changed.out());
    }

    @Test
    void aSpecThatPlansSeveralRunsIsRefused() throws IOException {
        Files.writeString(dir.resolve("sweep.yaml"), PINNED.replace("seeds: [0]", "seeds: [0, 1]"));
        SweepCommandsTest.Result r = SweepCommandsTest.salr("replay", dir.toString(), "--record", "--in-process");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("must plan exactly one run, plans 2"), r.err());
    }

    @Test
    void withoutColumnDropsTheWallTime() {
        assertEquals("a,c\n1,3\n4,6\n", io.salr.harness.sweep.PinnedReplay.withoutColumn("a,wall_seconds,c\n1,2,3\n4,5,6\n", "wall_seconds"));
        assertEquals("a\n1\n", io.salr.harness.sweep.PinnedReplay.withoutColumn("a\n1\n", "wall_seconds"));
    }
}
