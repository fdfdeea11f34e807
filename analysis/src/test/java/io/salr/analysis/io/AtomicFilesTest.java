package io.salr.analysis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: whole files only, and the mode a new file gets from the umask (not 0600). */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheModeOfAnyNewFileUnderTheUmask() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe")); // open(O_CREAT, 0666) less the umask
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        Path written = dir.resolve("result.json");
        AtomicFiles.writeString(written, "{}\n");
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(written)),
                "same mode as a plain new file");
        AtomicFiles.writeString(written, "{\"again\": true}\n");
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(written)),
                "also when it replaces a file");
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ) && expected.contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aTemporaryFileIsCreatedWithTheUmasksModeAndHidden() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Path tmp = AtomicFiles.newTemporary(dir, "x.csv");
        assertTrue(tmp.getFileName().toString().startsWith(".x.csv.") && tmp.getFileName().toString().endsWith(".tmp"), tmp.toString());
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(tmp));
    }

    @Test
    void theContentIsReplacedWholeAndNoTemporaryFileIsLeft() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
