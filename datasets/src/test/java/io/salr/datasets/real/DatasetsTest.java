package io.salr.datasets.real;

import io.salr.optimizers.validation.InvalidParameterException;
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
}
