package io.salr.datasets.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzipped IDX file whose header declares a few bytes but whose stream inflates to more than 2 GiB (a gzip
 * bomb of about 2.5 MB on disk) is refused naming the file, after decompressing no more than the header
 * declares plus a small slack; it used to be inflated whole and end in an OutOfMemoryError.
 */
class GzipBombTest {

    @TempDir
    Path dir;

    /** One gzip member of {@code zeros} zero bytes; gzip members may be concatenated (RFC 1952). */
    static byte[] zerosMember(int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            byte[] block = new byte[1 << 16];
            for (int left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(left, block.length));
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static byte[] idx3Header(int count, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(0x00000803).putInt(count).putInt(rows).putInt(cols).array();
    }

    @Test
    void aStreamThatInflatesFarBeyondItsHeaderIsRefusedNamingTheFile() throws IOException {
        Path bomb = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] member = zerosMember(64 << 20); // 64 MiB of zeros in about 64 KB
        try (OutputStream out = Files.newOutputStream(bomb)) {
            out.write(gzip(idx3Header(2, 2, 2))); // declares 2 images of 2 x 2: 8 data bytes
            for (int i = 0; i < 40; i++) { // 2.5 GiB of zeros follow: more than any Java array holds
                out.write(member);
            }
        }
        assertTrue(Files.size(bomb) < 4 << 20, "the bomb is small on disk: " + Files.size(bomb));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(bomb));
        assertEquals(bomb, e.file());
        assertTrue(e.getMessage().contains(bomb.toString()) && e.getMessage().contains("24 bytes its header declares"),
                e.getMessage());
    }

    @Test
    void aFewTrailingBytesAreStillCountedExactly() throws IOException {
        Path file = dir.resolve("labels.gz");
        byte[] content = ByteBuffer.allocate(8 + 3 + 5).putInt(0x00000801).putInt(3).put(new byte[] {1, 2, 3})
                .put(new byte[5]).array();
        Files.write(file, gzip(content));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("5 trailing bytes"), e.getMessage());
    }

    @Test
    void aValidGzippedFileIsReadWhole() throws IOException {
        Path file = dir.resolve("images.gz");
        byte[] content = ByteBuffer.allocate(16 + 8).put(idx3Header(2, 2, 2)).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).array();
        Files.write(file, gzip(content));
        IdxReader.Images images = IdxReader.readImages(file);
        assertEquals(2, images.count());
        assertEquals(24, images.file().content().length);
    }
}
