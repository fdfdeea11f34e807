package io.salr.datasets.real;

import io.salr.validation.Checks;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading data files whole: each file is read once into memory, its SHA-256 taken over the bytes as
 * stored, and, when it starts with the gzip magic number, decompressed in full (so a truncated or corrupt
 * gzip stream, including a bad CRC trailer, is an error rather than a short read).
 */
public final class DataFiles {

    private static final int GZIP_BUFFER = 1 << 16;

    private DataFiles() {
    }

    /**
     * The content of a data file, decompressed if it was gzipped, and the digest of its stored bytes.
     *
     * @param path    the file read
     * @param digest  name, size and SHA-256 of the stored (possibly compressed) bytes
     * @param gzipped whether the file was gzip-compressed
     * @param content the decompressed content; owned by the caller
     */
    public record Content(Path path, FileDigest digest, boolean gzipped, byte[] content) {
        /** Validates that every component is present. */
        public Content {
            Checks.present("path", path);
            Checks.present("digest", digest);
            Checks.present("content", content);
        }
    }

    /**
     * How long a file's whole (decompressed) content may be, as its own header declares it.
     */
    @FunctionalInterface
    public interface DeclaredLength {
        /**
         * The length the header declares for the whole content, header included.
         *
         * @param head the first bytes of the content (fewer when the content is shorter)
         * @return the declared length in bytes, or a negative number when {@code head} is no valid header (the
         *     content is then cut to {@code head}, and the caller's parser reports what is wrong with it)
         */
        long of(byte[] head);
    }

    /**
     * The most a gzip stream may hold beyond what its header declares and still be read whole, so that the
     * parser can report the exact count of trailing bytes; more than that is refused at once.
     */
    static final int TRAILING_SLACK = 1 << 20;

    /** The most any data file may decompress to: the largest Java array. */
    public static final long MAX_CONTENT = Integer.MAX_VALUE - 8;

    /**
     * Reads a file, computes its SHA-256 and decompresses it if it is gzipped (detected from the magic
     * bytes {@code 1f 8b}, not from the name), up to {@link #MAX_CONTENT} bytes.
     *
     * @throws DatasetFormatException if the file cannot be read, its gzip stream is truncated or corrupt, or
     *     it decompresses to more than {@link #MAX_CONTENT} bytes
     */
    public static Content read(Path path) {
        return read(path, 0, head -> MAX_CONTENT);
    }

    /**
     * As {@link #read(Path)}, but a gzip stream is decompressed only as far as the file's header allows: the
     * first {@code headBytes} bytes are decompressed, {@code declared} says from them how long the whole
     * content is, and a stream that holds more than that (by more than a small slack) is refused naming the
     * file, without decompressing the rest (a gzip bomb: a few megabytes that inflate to gigabytes).
     *
     * @throws DatasetFormatException as {@link #read(Path)}, and when the gzip stream holds more than its
     *     header declares
     */
    public static Content read(Path path, int headBytes, DeclaredLength declared) {
        Checks.present("path", path);
        Checks.present("declared", declared);
        byte[] stored;
        try {
            if (Files.size(path) > MAX_CONTENT) {
                throw new DatasetFormatException(path, "is " + Files.size(path) + " bytes, more than the " + MAX_CONTENT
                        + " bytes a data file may hold");
            }
            stored = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DatasetFormatException(path, "cannot be read: " + e, e);
        }
        FileDigest digest = new FileDigest(String.valueOf(path.getFileName()), stored.length, sha256(stored));
        boolean gzipped = stored.length >= 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b;
        if (!gzipped) {
            return new Content(path, digest, false, stored);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), GZIP_BUFFER)) {
            byte[] head = in.readNBytes(headBytes);
            long length = declared.of(head);
            if (length < 0) {
                return new Content(path, digest, true, head);
            }
            long limit = Math.min(MAX_CONTENT, length + (length < MAX_CONTENT - TRAILING_SLACK ? TRAILING_SLACK : 0));
            byte[] rest = in.readNBytes((int) Math.max(0, Math.min(MAX_CONTENT, limit + 1) - head.length));
            if ((long) head.length + rest.length > limit) {
                throw new DatasetFormatException(path, "its gzip stream holds more than the " + length + " bytes its header"
                        + " declares (decompression stopped after " + (head.length + rest.length) + " bytes): the file"
                        + " lies about its size or is corrupt (a gzip bomb?); replace it with the original");
            }
            byte[] content = new byte[head.length + rest.length];
            System.arraycopy(head, 0, content, 0, head.length);
            System.arraycopy(rest, 0, content, head.length, rest.length);
            return new Content(path, digest, true, content);
        } catch (EOFException e) {
            throw new DatasetFormatException(path, "truncated gzip data (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new DatasetFormatException(path, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetFormatException(path, "cannot decompress gzip data: " + e, e);
        }
    }

    /** The SHA-256 of the given bytes as 64 lowercase hexadecimal digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Finds {@code baseName} in {@code directory}, preferring the gzipped form {@code baseName.gz}, then
     * the plain file.
     *
     * @return the path of a regular file, or empty if neither form exists
     */
    public static Optional<Path> locate(Path directory, String baseName) {
        Path gz = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path plain = directory.resolve(baseName);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }
}
