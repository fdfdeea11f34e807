package io.salr.datasets.real;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips and corruption cases for the IDX loaders, on small files written to a temporary folder. */
class MnistTest {

    private static final int[] TRAIN = {3, 0, 9, 9, 1};
    private static final int[] TEST = {7, 2, 0};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void pixelsAndLabelsRoundTripExactly(boolean gzipped) throws IOException {
        TestFiles.writeMnistLayout(dir, gzipped, TRAIN, TEST);
        LoadedDataset ds = Mnist.loadMnist(dir);
        LabeledData train = ds.labeledTrain();
        LabeledData test = ds.labeledTest();
        assertEquals(new ImageShape(1, 3, 2), train.shape());
        assertArrayEquals(TRAIN, train.labels());
        assertArrayEquals(TEST, test.labels());
        for (int i = 0; i < TRAIN.length; i++) {
            for (int p = 0; p < 6; p++) {
                assertEquals(TestFiles.pixel(i, p) / 255f, train.feature(i, p), 0f, "example " + i + " pixel " + p);
            }
        }
        assertEquals(1f, train.feature(0, 0), 0f, "byte 255 scales to exactly 1");
        assertEquals(0f, train.feature(0, 1) - 11 / 255f, 0f);
        for (int i = 0; i < TEST.length; i++) {
            assertArrayEquals(new float[]{TestFiles.pixel(i, 0) / 255f, TestFiles.pixel(i, 1) / 255f,
                    TestFiles.pixel(i, 2) / 255f, TestFiles.pixel(i, 3) / 255f, TestFiles.pixel(i, 4) / 255f,
                    TestFiles.pixel(i, 5) / 255f}, test.features(i), 0f);
        }
        DataSetInfo info = ds.info();
        assertEquals("mnist", info.name());
        assertEquals(5, info.trainExamples());
        assertEquals(3, info.testExamples());
        assertEquals(Mnist.MNIST_CLASSES, info.classNames());
        assertEquals(List.of(1, 3, 2), info.exampleShape());
        assertEquals(dir.toAbsolutePath(), info.sourceDirectory());
        String suffix = gzipped ? ".gz" : "";
        assertEquals(List.of(Mnist.TRAIN_IMAGES + suffix, Mnist.TRAIN_LABELS + suffix, Mnist.TEST_IMAGES + suffix,
                        Mnist.TEST_LABELS + suffix),
                info.files().stream().map(FileDigest::fileName).toList());
        for (FileDigest d : info.files()) {
            byte[] stored = Files.readAllBytes(dir.resolve(d.fileName()));
            assertEquals(DataFiles.sha256(stored), d.sha256(), d.fileName());
            assertEquals(stored.length, d.sizeBytes());
        }
    }

    @Test
    void sha256OfKnownInputMatchesTheStandardTestVector() {
        // FIPS 180-2 appendix B.1 test vector for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DataFiles.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void gzippedAndPlainFilesMayBeMixed() {
        TestFiles.write(dir, Mnist.TRAIN_IMAGES, TestFiles.idxImages(5, 3, 2), true);
        TestFiles.write(dir, Mnist.TRAIN_LABELS, TestFiles.idxLabels(TRAIN), false);
        TestFiles.write(dir, Mnist.TEST_IMAGES, TestFiles.idxImages(3, 3, 2), false);
        TestFiles.write(dir, Mnist.TEST_LABELS, TestFiles.idxLabels(TEST), true);
        LoadedDataset ds = Datasets.load("mnist", Optional.of(dir));
        assertArrayEquals(TRAIN, ds.labeledTrain().labels());
        assertEquals(TestFiles.pixel(2, 5) / 255f, ds.labeledTest().feature(2, 5), 0f);
    }

    @Test
    void fashionMnistFromDataDirUsesFashionClassNames() {
        TestFiles.writeMnistLayout(dir, true, TRAIN, TEST);
        LoadedDataset ds = Datasets.load("fashion-mnist", Optional.of(dir));
        assertEquals("fashion-mnist", ds.info().name());
        assertEquals("Ankle boot", ds.labeledTrain().classNames().get(9));
        assertEquals(10, ds.info().numClasses());
    }

    @Test
    void missingFashionMnistNamesTheDebianPackageAndTheDataDirOverride() {
        Path absent = dir.resolve("not-installed");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> Mnist.loadFashionMnist(Optional.empty(), absent));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
        assertEquals(4, e.missingFiles().size());
        assertEquals("fashion-mnist", e.dataset());
    }

    @Test
    void missingSingleFileIsNamed() throws IOException {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        Files.delete(dir.resolve(Mnist.TEST_LABELS));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> Mnist.loadFashionMnist(Optional.of(dir)));
        assertEquals(List.of(Mnist.TEST_LABELS + "[.gz]"), e.missingFiles());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        // A label file where the images should be.
        Path images = TestFiles.write(dir, Mnist.TRAIN_IMAGES, TestFiles.idxLabels(TRAIN), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertTrue(e.problem().contains("wrong magic number 0x00000801, expected 0x00000803"), e.problem());
    }

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void truncatedImageDataIsReported(boolean gzipped) {
        TestFiles.writeMnistLayout(dir, gzipped, TRAIN, TEST);
        byte[] full = TestFiles.idxImages(5, 3, 2);
        Path images = TestFiles.write(dir, Mnist.TRAIN_IMAGES, Arrays.copyOf(full, full.length - 4), gzipped);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertEquals("truncated: header declares 5 x 3 x 2 = 30 data bytes but only 26 follow the header",
                e.problem());
    }

    @Test
    void trailingBytesAreReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        byte[] full = TestFiles.idxImages(3, 3, 2);
        Path images = TestFiles.write(dir, Mnist.TEST_IMAGES, Arrays.copyOf(full, full.length + 6), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertTrue(e.problem().contains("6 trailing bytes"), e.problem());
    }

    @Test
    void truncatedHeaderIsReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        Path labels = TestFiles.write(dir, Mnist.TRAIN_LABELS, new byte[]{0, 0, 8, 1, 0, 0}, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(labels, e.file());
        assertTrue(e.problem().contains("truncated IDX header"), e.problem());
    }

    @Test
    void labelCountDifferentFromImageCountIsReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        Path labels = TestFiles.write(dir, Mnist.TRAIN_LABELS, TestFiles.idxLabels(3, 0, 9, 9), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(labels, e.file());
        assertTrue(e.problem().startsWith("holds 4 labels but "), e.problem());
        assertTrue(e.problem().endsWith("holds 5 images"), e.problem());
    }

    @Test
    void labelOutOfRangeIsReported() {
        TestFiles.writeMnistLayout(dir, true, TRAIN, new int[]{7, 10, 0});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(dir.resolve(Mnist.TEST_LABELS + ".gz"), e.file());
        assertEquals("label 10 of example 1 is outside [0, 10)", e.problem());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        TestFiles.writeMnistLayout(dir, true, TRAIN, TEST);
        Path images = dir.resolve(Mnist.TRAIN_IMAGES + ".gz");
        byte[] gz = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertTrue(e.problem().startsWith("truncated gzip data"), e.problem());
    }

    @Test
    void gzipMissingOnlyItsTrailerIsStillAnError() throws IOException {
        TestFiles.writeMnistLayout(dir, true, TRAIN, TEST);
        Path labels = dir.resolve(Mnist.TRAIN_LABELS + ".gz");
        byte[] gz = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(gz, gz.length - 8)); // drop CRC32 and ISIZE
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(labels, e.file());
        assertTrue(e.problem().startsWith("truncated gzip data"), e.problem());
    }

    @Test
    void corruptGzipChecksumIsReported() throws IOException {
        TestFiles.writeMnistLayout(dir, true, TRAIN, TEST);
        Path labels = dir.resolve(Mnist.TEST_LABELS + ".gz");
        byte[] gz = Files.readAllBytes(labels);
        gz[gz.length - 8] ^= 0x5a; // the CRC32 trailer
        Files.write(labels, gz);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(labels, e.file());
        assertTrue(e.problem().startsWith("corrupt gzip data"), e.problem());
    }

    @Test
    void testImagesOfADifferentSizeAreReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        Path images = TestFiles.write(dir, Mnist.TEST_IMAGES, TestFiles.idxImages(3, 2, 3), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertTrue(e.problem().startsWith("images are 2x3 but the training images"), e.problem());
    }

    @Test
    void zeroDimensionIsReported() {
        TestFiles.writeMnistLayout(dir, false, TRAIN, TEST);
        byte[] header = ByteBuffer.allocate(16).putInt(0x803).putInt(0).putInt(3).putInt(2).array();
        Path images = TestFiles.write(dir, Mnist.TRAIN_IMAGES, header, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.loadMnist(dir));
        assertEquals(images, e.file());
        assertEquals("IDX dimension 0 is 0, must be >= 1", e.problem());
    }

    @Test
    void gzippedFileIsPreferredOverPlainAndDetectedByContent() throws IOException {
        TestFiles.writeMnistLayout(dir, true, TRAIN, TEST);
        // A stale, broken plain copy next to the gzipped one is ignored.
        Files.write(dir.resolve(Mnist.TRAIN_IMAGES), new byte[]{1, 2, 3});
        assertArrayEquals(TRAIN, Mnist.loadMnist(dir).labeledTrain().labels());
        // Gzip is recognised by its magic bytes, not by the name.
        Path plainNamed = dir.resolve("content-is-gzip");
        Files.write(plainNamed, TestFiles.gzip(new byte[]{42}));
        DataFiles.Content c = DataFiles.read(plainNamed);
        assertTrue(c.gzipped());
        assertArrayEquals(new byte[]{42}, c.content());
        Path notGz = dir.resolve("x.gz");
        Files.write(notGz, new byte[]{42});
        assertFalse(DataFiles.read(notGz).gzipped());
    }
}
