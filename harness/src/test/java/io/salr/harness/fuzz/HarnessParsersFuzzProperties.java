package io.salr.harness.fuzz;

import io.salr.validation.fuzz.Mutations;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.harness.run.Checkpoint;
import io.salr.harness.sweep.SweepSpec;
import io.salr.harness.sweep.TunedStudy;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.methods.MethodState;
import io.salr.optimizers.schedule.SalrScheduleState;
import io.salr.validation.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing as a standing test (issue 22): the harness's parsers - sweep specs, tuned specs and checkpoints - read
 * thousands of malformed inputs made from valid ones, and each ends accepted or in its documented named error
 * ({@link InvalidParameterException} for a spec, which the command line maps to exit 2;
 * {@link Checkpoint.UnusableCheckpointException} for a checkpoint, which the run passes over), never in another
 * exception, an OutOfMemoryError or a hang. Half of the checkpoint mutations are made inside the payload and
 * signed again with a correct SHA-256, so they reach the payload's parser instead of stopping at the checksum.
 */
class HarnessParsersFuzzProperties {

    /** Generated inputs per parser. */
    static final int TRIES = 2000;
    static final Duration LIMIT = Duration.ofSeconds(20);

    static final String SWEEP = """
            study: fuzz
            datasets: [fashion-mnist]
            models: [mlp]
            methods: [sgd, sgd-salr, sam, entropy-sgd]
            engines: [dl4j]
            grid: {gamma: [0.005, 0.01]}
            overrides: {sam: {lr: 0.05, rho: [0.02, 0.05]}}
            seeds: [0, 1]
            budget: {epochs: 2, of: sgd}
            data: {train_subset: 300, test_subset: 100, subset_mode: stratified, validation_examples: 0, validation_seed: 3}
            batch_size: 50
            model_options: {hidden: 16, dropout: 0.0, batch_norm: false, width: 1.0}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2, gamma: 0.01, n1: 2, n2: 2}
            reference: sgd
            """;

    /** The valid tuned study the mutations start from: the tuned-study tests' own. */
    static final String TUNED = io.salr.harness.sweep.TunedStudyTest.STUDY;

    static Path dir;
    static byte[] checkpoint;

    @BeforeContainer
    static void writeValidCheckpoint() throws IOException {
        dir = Files.createTempDirectory("salr-fuzz");
        Checkpoint c = new Checkpoint("0123456789abcdef", 42, 1, 3, new int[] {3, 1, 0, 2}, Map.of("data-order", new byte[] {1, 2, 3}),
                new double[] {0.5, -1.25, 3.0}, new MethodState(Map.of("momentum", new double[] {0.1, 0.2, 0.3}),
                        Map.of("k", 7.0), Map.of("noise", new byte[] {9, 8}),
                        Optional.of(new SalrScheduleState.Snapshot(List.of(1.0, 2.0), OptionalLong.of(40)))),
                new MeterReading(100, 3200, 10, 320), new MeterReading(0, 0, 5, 500), 120, 4000, new double[] {20, 46, 2.3, 2.1, 0, 0, -1, 0},
                0.5, 12.5, Map.of("train-images-idx3-ubyte", "ab".repeat(32)));
        Path file = dir.resolve("valid.bin");
        c.write(file);
        checkpoint = Files.readAllBytes(file);
        Checkpoint.read(file); // the seed itself is valid
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = TRIES, seed = "22")
    void sweepSpecs(@ForAll long seed) {
        String input = Mutations.mutate(SWEEP, seed);
        Statistics.collect(Mutations.check("SweepSpec.parse", input, () -> SweepSpec.parse(input),
                t -> t instanceof InvalidParameterException, LIMIT));
    }

    @Property(tries = TRIES, seed = "22")
    void tunedSpecs(@ForAll long seed) {
        String input = Mutations.mutate(TUNED, seed);
        Statistics.collect(Mutations.check("TunedStudy.parse", input, () -> TunedStudy.parse(input),
                t -> t instanceof InvalidParameterException, LIMIT));
    }

    @Property(tries = TRIES, seed = "22")
    void checkpoints(@ForAll long seed) throws Exception {
        byte[] input = seed % 2 == 0 ? Mutations.mutate(checkpoint, seed) : resigned(Mutations.mutate(payload(checkpoint), seed));
        Path sub = Files.createTempDirectory(dir, "try");
        Path file = sub.resolve("checkpoint.bin");
        Files.write(file, input);
        Statistics.collect(seed % 2 == 0 ? "raw" : "signed", Mutations.check("Checkpoint.read", input, () -> Checkpoint.read(file),
                t -> t instanceof Checkpoint.UnusableCheckpointException, LIMIT));
        try (var left = Files.list(sub)) {
            assertEquals(List.of(file), left.toList(), "reading a checkpoint writes nothing");
        }
        Files.delete(file);
        Files.delete(sub);
    }

    /** The payload of a checkpoint file: after magic (8 bytes), version (4) and length (4), before the digest (32). */
    static byte[] payload(byte[] file) {
        int length = ByteBuffer.wrap(file, 12, 4).getInt();
        return java.util.Arrays.copyOfRange(file, 16, 16 + length);
    }

    /** A checkpoint file around {@code payload}, with its correct length and SHA-256. */
    static byte[] resigned(byte[] payload) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(checkpoint, 0, 12); // magic and version
            out.writeInt(payload.length);
            out.write(payload);
            out.write(MessageDigest.getInstance("SHA-256").digest(payload));
        }
        return bytes.toByteArray();
    }
}
