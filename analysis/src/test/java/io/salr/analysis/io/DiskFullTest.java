package io.salr.analysis.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails because the disk is full (injected here through the content writer, as the kernel reports
 * it: an IOException "No space left on device") is a {@link DiskFullException}, and leaves neither its temporary
 * file nor the directories it created behind; any other write error stays a plain {@link UncheckedIOException}.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsItsOwnExceptionAndLeavesNoFolderBehind() throws IOException {
        Path target = dir.resolve("runs").resolve("abc").resolve("spec.json");
        DiskFullException e = assertThrows(DiskFullException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[10]);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("runs")), "the folders the write created are removed");
        try (var left = Files.list(dir)) {
            assertTrue(left.findAny().isEmpty(), "nothing is left behind");
        }
    }

    @Test
    void aFolderThatExistedStays() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        assertThrows(DiskFullException.class, () -> AtomicFiles.write(run.resolve("spec.json"), out -> {
            throw new IOException("Disk quota exceeded");
        }));
        assertTrue(Files.isDirectory(run));
        try (var left = Files.list(run)) {
            assertTrue(left.findAny().isEmpty(), "no temporary file is left");
        }
    }

    @Test
    void otherWriteErrorsAreNotDiskFull() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(dir.resolve("x"), out -> {
            throw new IOException("Input/output error");
        }));
        assertFalse(e instanceof DiskFullException);
        assertFalse(DiskFullException.isDiskFull(e));
        assertTrue(DiskFullException.isDiskFull(new UncheckedIOException(new IOException("No space left on device"))));
    }
}
