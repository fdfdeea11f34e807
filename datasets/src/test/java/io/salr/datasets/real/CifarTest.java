package io.salr.datasets.real;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.salr.optimizers.engine.HostBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIFAR-10 and CIFAR-100 binary files: round trips, label choice and corruption cases. */
class CifarTest {

    @TempDir
    Path dir;

    /** Batch b (0-based) holds two records with labels 2b and 2b+1 (mod 10); the test batch three. */
    private void writeCifar10(Path where, boolean gzipped) {
        for (int b = 0; b < 5; b++) {
            TestFiles.write(where, Cifar.CIFAR10_TRAIN.get(b),
                    TestFiles.cifarRecords(2 * b, new int[]{(2 * b) % 10}, new int[]{(2 * b + 1) % 10}), gzipped);
        }
        TestFiles.write(where, Cifar.CIFAR10_TEST, TestFiles.cifarRecords(100, new int[]{4}, new int[]{0},
                new int[]{9}), gzipped);
    }

    @ParameterizedTest(name = "gzipped={0}")
    @ValueSource(booleans = {false, true})
    void cifar10RoundTripsPixelsInChannelRowColumnOrder(boolean gzipped) {
        writeCifar10(dir, gzipped);
        LoadedDataset ds = Cifar.loadCifar10(dir);
        LabeledData train = ds.labeledTrain();
        assertEquals(10, train.size());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, train.labels());
        assertArrayEquals(new int[]{4, 0, 9}, ds.labeledTest().labels());
        assertEquals(Cifar.SHAPE, train.shape());
        assertEquals(Cifar.CIFAR10_CLASSES, train.classNames());
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3072; j++) {
                assertEquals(TestFiles.cifarPixel(i, j) / 255f, train.feature(i, j), 0f);
            }
        }
        // Red, green and blue planes land in channels 0, 1 and 2 of a [c, h, w] example.
        HostBatch batch = train.batch(new int[]{7, 3});
        assertArrayEquals(new int[]{3, 32, 32}, batch.exampleShape());
        float[] x = batch.features();
        for (int c = 0; c < 3; c++) {
            assertEquals(TestFiles.cifarPixel(7, c * 1024 + 5 * 32 + 17) / 255f, x[c * 1024 + 5 * 32 + 17], 0f);
            assertEquals(TestFiles.cifarPixel(3, c * 1024 + 31 * 32 + 0) / 255f, x[3072 + c * 1024 + 31 * 32], 0f);
        }
        assertEquals(6, ds.info().files().size());
        assertEquals(Cifar.CIFAR10_TRAIN.get(0) + (gzipped ? ".gz" : ""), ds.info().files().get(0).fileName());
    }

    @Test
    void cifar10IsFoundInItsStandardSubfolderAndReadsClassNamesFromMeta() throws IOException {
        Path sub = dir.resolve("cifar-10-batches-bin");
        writeCifar10(sub, false);
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        Files.writeString(sub.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n",
                StandardCharsets.UTF_8);
        LoadedDataset ds = Datasets.load("cifar10", Optional.of(dir));
        assertEquals(sub.toAbsolutePath(), ds.info().sourceDirectory());
        assertEquals(names, ds.info().classNames());
        assertEquals("batches.meta.txt", ds.info().files().get(6).fileName());
    }

    private void writeCifar100(Path where) {
        TestFiles.write(where, Cifar.CIFAR100_TRAIN, TestFiles.cifarRecords(0, new int[]{19, 99},
                new int[]{0, 42}, new int[]{7, 3}), false);
        TestFiles.write(where, Cifar.CIFAR100_TEST, TestFiles.cifarRecords(50, new int[]{5, 60}), false);
    }

    @Test
    void cifar100UsesFineLabelsByDefaultAndCoarseOnRequest() {
        writeCifar100(dir);
        LoadedDataset fine = Datasets.load("cifar100", Optional.of(dir));
        assertArrayEquals(new int[]{99, 42, 3}, fine.labeledTrain().labels());
        assertArrayEquals(new int[]{60}, fine.labeledTest().labels());
        assertEquals(100, fine.info().numClasses());
        assertEquals("fine_99", fine.info().classNames().get(99));
        LoadedDataset coarse = Datasets.load("cifar100-coarse", Optional.of(dir));
        assertArrayEquals(new int[]{19, 0, 7}, coarse.labeledTrain().labels());
        assertEquals(20, coarse.info().numClasses());
        assertEquals("cifar100-coarse", coarse.info().name());
        for (int j = 0; j < 3072; j += 97) {
            assertEquals(TestFiles.cifarPixel(2, j) / 255f, coarse.labeledTrain().feature(2, j), 0f);
            assertEquals(TestFiles.cifarPixel(50, j) / 255f, fine.labeledTest().feature(0, j), 0f);
        }
    }

    @Test
    void truncatedRecordIsReported() throws IOException {
        writeCifar10(dir, false);
        Path batch = dir.resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(batch);
        Files.write(batch, Arrays.copyOf(bytes, bytes.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.loadCifar10(dir));
        assertEquals(batch, e.file());
        assertTrue(e.problem().contains("length 6046 is not a multiple of the record size 3073"), e.problem());
    }

    @Test
    void cifar10LabelOutOfRangeIsReported() {
        writeCifar10(dir, false);
        Path test = TestFiles.write(dir, Cifar.CIFAR10_TEST, TestFiles.cifarRecords(0, new int[]{1},
                new int[]{10}), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.loadCifar10(dir));
        assertEquals(test, e.file());
        assertEquals("label 10 of record 1 is outside [0, 10)", e.problem());
    }

    @Test
    void cifar100CoarseLabelOutOfRangeIsReportedEvenWhenUsingFineLabels() {
        writeCifar100(dir);
        Path train = TestFiles.write(dir, Cifar.CIFAR100_TRAIN, TestFiles.cifarRecords(0, new int[]{20, 1}), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.loadCifar100(dir));
        assertEquals(train, e.file());
        assertEquals("coarse label 20 of record 0 is outside [0, 20)", e.problem());
    }

    @Test
    void cifar10FileGivenAsCifar100IsReported() {
        // 2 CIFAR-10 records are 6146 bytes, not a multiple of 3074.
        TestFiles.write(dir, Cifar.CIFAR100_TRAIN, TestFiles.cifarRecords(0, new int[]{1}, new int[]{2}), false);
        TestFiles.write(dir, Cifar.CIFAR100_TEST, TestFiles.cifarRecords(0, new int[]{1, 2}), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.loadCifar100(dir));
        assertEquals(dir.resolve(Cifar.CIFAR100_TRAIN), e.file());
        assertTrue(e.problem().contains("not a CIFAR-100 file"), e.problem());
    }

    @Test
    void missingBatchIsNamed() throws IOException {
        writeCifar10(dir, false);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar.loadCifar10(dir));
        assertEquals(List.of("data_batch_4.bin"), e.missingFiles());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void wrongNumberOfClassNamesIsReported() throws IOException {
        writeCifar100(dir);
        Path names = dir.resolve("fine_label_names.txt");
        Files.writeString(names, "apple\npear\n", StandardCharsets.UTF_8);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar.loadCifar100(dir));
        assertEquals(names, e.file());
        assertEquals("lists 2 class names, expected 100", e.problem());
    }
}
