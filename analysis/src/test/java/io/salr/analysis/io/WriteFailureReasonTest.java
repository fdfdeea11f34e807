package io.salr.analysis.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write under a path whose folder is a regular file (e.g. {@code --out results.csv/table.md}) says why it
 * failed, not only the path: the JDK's FileAlreadyExistsException carries just the path as its message.
 */
class WriteFailureReasonTest {

    @Test
    void aFolderThatIsAFileIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(file.resolve("table.md"), "content"));
        assertTrue(e.getMessage().contains(file + " is a file, not a directory"), e.getMessage());
    }
}
