package io.salr.datasets.fuzz;

import io.salr.validation.fuzz.Mutations;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.datasets.real.DatasetFormatException;
import io.salr.datasets.real.Mnist;
import io.salr.datasets.real.TextConfig;
import io.salr.datasets.real.TextCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing as a standing test (issue 22): the data readers read thousands of malformed files made from valid ones -
 * the four IDX files of an MNIST-format data set, plain and gzipped, and a UTF-8 text corpus - and each ends
 * accepted or in {@link DatasetFormatException} naming the file, never in another exception, an OutOfMemoryError
 * or a hang; reading writes nothing. Gzipped inputs are mutated both as stored bytes (the gzip layer's own
 * errors) and before compression (the IDX parser's errors behind a valid gzip stream).
 */
class DataFilesFuzzProperties {

    /** Generated inputs per reader. */
    static final int TRIES = 1500;
    static final Duration LIMIT = Duration.ofSeconds(20);
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte");

    static Path dir;
    static byte[][] idx = new byte[4][];
    static String text;

    @BeforeContainer
    static void makeSeeds() throws IOException {
        dir = Files.createTempDirectory("salr-fuzz");
        SplittableRandom r = new SplittableRandom(22);
        int[] counts = {20, 20, 10, 10};
        for (int f = 0; f < 4; f++) {
            boolean images = f % 2 == 0;
            ByteBuffer b = ByteBuffer.allocate(images ? 16 + counts[f] * 784 : 8 + counts[f]);
            b.putInt(images ? 0x803 : 0x801).putInt(counts[f]);
            if (images) {
                b.putInt(28).putInt(28);
            }
            while (b.hasRemaining()) {
                b.put((byte) (images ? r.nextInt(256) : r.nextInt(10)));
            }
            idx[f] = b.array();
        }
        text = "It was the best of times, it was the worst of times; é ü ß 漢字 🙂\n".repeat(40);
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static List<Path> listing(Path d) throws IOException {
        try (var files = Files.list(d)) {
            return files.sorted().toList();
        }
    }

    /** One of the four files mutated (plain, gzipped after mutation, or mutated after gzipping); the rest valid. */
    @Property(tries = TRIES, seed = "22")
    void idxDataSets(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int victim = r.nextInt(4);
        int form = r.nextInt(3);
        Path sub = Files.createTempDirectory(dir, "try");
        for (int f = 0; f < 4; f++) {
            byte[] content = f == victim && form != 2 ? Mutations.mutate(idx[f], seed) : idx[f];
            boolean gz = f == victim && form != 0;
            byte[] stored = gz ? gzip(content) : content;
            if (f == victim && form == 2) {
                stored = Mutations.mutate(stored, seed);
            }
            Files.write(sub.resolve(FILES.get(f) + (gz ? ".gz" : "")), stored);
        }
        List<Path> before = listing(sub);
        Statistics.collect(List.of("plain", "gzip", "mutated gzip").get(form), Mutations.check("Mnist.loadMnist", seed,
                () -> Mnist.loadMnist(sub), t -> t instanceof DatasetFormatException d && d.getMessage().contains(sub.toString()), LIMIT));
        assertEquals(before, listing(sub), "reading writes nothing");
        for (Path p : before) {
            Files.delete(p);
        }
        Files.delete(sub);
    }

    @Property(tries = TRIES, seed = "22")
    void textCorpora(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] bytes = r.nextBoolean() ? Mutations.mutate(text, seed).getBytes(StandardCharsets.UTF_8)
                : Mutations.mutate(text.getBytes(StandardCharsets.UTF_8), seed);
        if (r.nextInt(4) == 0) {
            bytes = gzip(bytes);
        }
        Path sub = Files.createTempDirectory(dir, "try");
        Path file = sub.resolve("corpus.txt");
        Files.write(file, bytes);
        Statistics.collect(Mutations.check("TextCorpus.load", bytes.length + " bytes",
                () -> TextCorpus.load("text:corpus.txt", file, new TextConfig(20, 0.1)),
                t -> t instanceof DatasetFormatException d && d.getMessage().contains(file.toString()), LIMIT));
        assertEquals(List.of(file), listing(sub), "reading writes nothing");
        Files.delete(file);
        Files.delete(sub);
    }
}
