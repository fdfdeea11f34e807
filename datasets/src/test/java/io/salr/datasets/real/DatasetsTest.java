package io.salr.datasets.real;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line entry point: names, required directories. */
class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void unknownNameListsTheValidNames() {
        var e = assertThrows(InvalidParameterException.class, () -> Datasets.load("imagenet", Optional.empty()));
        assertEquals("dataset", e.parameter());
        assertEquals("imagenet", e.value());
        for (String valid : Datasets.NAMES) {
            assertTrue(e.getMessage().contains(valid), e.getMessage());
        }
    }

    @Test
    void datasetsWithoutADefaultLocationNeedADataDir() {
        for (String name : new String[]{"mnist", "cifar10", "cifar100", "cifar100-coarse"}) {
            var e = assertThrows(InvalidParameterException.class, () -> Datasets.load(name, Optional.empty()));
            assertEquals("--data-dir", e.parameter());
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void emptyTextPathIsRejected() {
        var e = assertThrows(InvalidParameterException.class, () -> Datasets.load("text:", Optional.empty()));
        assertEquals("text:", e.value());
    }

    @Test
    void emptyDataDirGivesNotFoundNamingTheFiles() {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> Datasets.load("mnist", Optional.of(dir)));
        assertEquals(4, e.missingFiles().size());
        assertEquals(dir, e.directory());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void locateFailsAsLoadDoesWithTheSameMessage() {
        for (String name : new String[]{"fashion-mnist", "mnist", "cifar10", "cifar100", "cifar100-coarse", "text:none.txt"}) {
            Optional<Path> d = Optional.of(dir.resolve("empty"));
            RuntimeException viaLoad = assertThrows(DatasetNotFoundException.class, () -> Datasets.load(name, d));
            RuntimeException viaLocate = assertThrows(DatasetNotFoundException.class, () -> Datasets.locate(name, d));
            assertEquals(viaLoad.getMessage(), viaLocate.getMessage(), name);
        }
        assertTrue(assertThrows(DatasetNotFoundException.class, () -> Datasets.locate("fashion-mnist", Optional.of(dir)))
                .getMessage().contains("dataset-fashion-mnist"));
        assertEquals("--data-dir", assertThrows(InvalidParameterException.class,
                () -> Datasets.locate("cifar10", Optional.empty())).parameter());
        assertEquals("dataset", assertThrows(InvalidParameterException.class,
                () -> Datasets.locate("imagenet", Optional.empty())).parameter());
    }

    @Test
    void locateFindsTheFilesWithoutReadingThem() throws java.io.IOException {
        for (String f : Mnist.FILES) {
            java.nio.file.Files.writeString(dir.resolve(f), "not an IDX file");
        }
        assertEquals(dir, Datasets.locate("mnist", Optional.of(dir)));
        assertEquals(dir, Datasets.locate("fashion-mnist", Optional.of(dir)));
        assertThrows(DatasetFormatException.class, () -> Datasets.load("mnist", Optional.of(dir)));
    }
}
