package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attempt recorded while the disk is full is not lost: the line this JVM could not append is written, before
 * the next attempt's, once space is back. On a real full file system (a small tmpfs, filled), so it needs root;
 * elsewhere it is reported as skipped with the reason.
 */
@Tag("slow")
class AttemptsOnAFullDiskTest {

    @TempDir
    Path dir;

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void anAttemptOnAFullDiskIsWrittenWithTheNextOne() throws IOException, InterruptedException {
        Path mount = Files.createDirectories(dir.resolve("full"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root && run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()) == 0,
                "mounting a small tmpfs needs root");
        try {
            RunFolder f = new RunFolder(mount.resolve("runs").resolve("abc"));
            Store.recordAttempt(f, Optional.of("first"));
            Path filler = mount.resolve("filler");
            run("dd", "if=/dev/zero", "of=" + filler, "bs=4k", "count=1024");
            // a line longer than what is left of the file's last page needs a new page, which the full disk refuses
            String second = "second " + "x".repeat(8192);
            assertThrows(UncheckedIOException.class, () -> Store.recordAttempt(f, Optional.of(second)),
                    "the disk is full: the attempt cannot be appended now");
            assertEquals(1, Files.readAllLines(f.attempts()).size(), "no partial line is left behind");
            Files.delete(filler);
            Store.recordAttempt(f, Optional.of("third"));
            List<String> lines = Files.readAllLines(f.attempts());
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).endsWith(" first") && lines.get(1).endsWith(second) && lines.get(2).endsWith(" third"),
                    String.join("\n", lines));
        } finally {
            run("umount", mount.toString());
        }
    }
}
