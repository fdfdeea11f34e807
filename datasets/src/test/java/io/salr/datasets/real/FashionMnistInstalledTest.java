package io.salr.datasets.real;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;
import io.salr.optimizers.engine.HostBatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}; skipped with a message where
 * the package is not installed. Reference values (first labels, pixel sum of the first image) were computed
 * with Python 3's {@code gzip} module on the package's files.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionMnistInstalledTest {

    private LoadedDataset ds;
    private long loadMillis;

    @BeforeAll
    void load() {
        assertTrue(Files.isDirectory(Mnist.FASHION_MNIST_DEBIAN_DIR),
                "Fashion-MNIST is not installed at " + Mnist.FASHION_MNIST_DEBIAN_DIR
                        + ": ./salr test installs it (apt-get install dataset-fashion-mnist)");
        long t0 = System.nanoTime();
        ds = Datasets.load("fashion-mnist", Optional.empty());
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void sizesShapeAndBalancedClasses() {
        LabeledData train = ds.labeledTrain();
        LabeledData test = ds.labeledTest();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(new ImageShape(1, 28, 28), train.shape());
        assertEquals(new ImageShape(1, 28, 28), test.shape());
        assertEquals(10, ds.info().numClasses());
        assertEquals(Mnist.FASHION_MNIST_CLASSES, ds.info().classNames());
        int[] perClass = new int[10];
        Arrays.fill(perClass, 6000);
        assertArrayEquals(perClass, train.classCounts());
        Arrays.fill(perClass, 1000);
        assertArrayEquals(perClass, test.classCounts());
        assertEquals(60000, ds.info().trainExamples());
        assertEquals(10000, ds.info().testExamples());
        assertEquals(List.of(1, 28, 28), ds.info().exampleShape());
    }

    @Test
    void contentMatchesReferenceValues() {
        LabeledData train = ds.labeledTrain();
        assertArrayEquals(new int[]{9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
                Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[]{9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
                Arrays.copyOf(ds.labeledTest().labels(), 10));
        double sum = 0;
        for (float v : train.features(0)) {
            sum += Math.round(v * 255f);
        }
        assertEquals(76247.0, sum, 0.0);
        assertEquals(1f, train.feature(0, 417), 0f, "the first maximum (255) of image 0 is at pixel 417");
    }

    @Test
    void sha256IsRecordedForEachStoredFileAndStable() throws IOException {
        List<FileDigest> files = ds.info().files();
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
                files.stream().map(FileDigest::fileName).toList());
        for (FileDigest d : files) {
            Path p = Mnist.FASHION_MNIST_DEBIAN_DIR.resolve(d.fileName());
            assertEquals(DataFiles.sha256(Files.readAllBytes(p)), d.sha256(), d.fileName());
            assertEquals(Files.size(p), d.sizeBytes());
        }
        assertEquals(Mnist.FASHION_MNIST_DEBIAN_DIR.toAbsolutePath(), ds.info().sourceDirectory());
        LoadedDataset again = Mnist.loadFashionMnist(Optional.empty());
        assertEquals(ds.info(), again.info(), "a second load records the same provenance");
    }

    @Test
    void loadsQuicklyAndBatchesForAnMlp() {
        System.out.println("Fashion-MNIST loaded in " + loadMillis + " ms");
        assertTrue(loadMillis < 20_000, "loading took " + loadMillis + " ms");
        HostBatch batch = ds.labeledTrain().batch(new int[]{0, 59999});
        assertEquals(2 * 784, batch.features().length);
        assertEquals(10, batch.numClasses());
        assertEquals(9, batch.targets()[0], "the first training image is an ankle boot");
    }
}
