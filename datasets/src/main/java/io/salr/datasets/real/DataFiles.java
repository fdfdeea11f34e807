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
     * Reads a file, computes its SHA-256 and decompresses it if it is gzipped (detected from the magic
     * bytes {@code 1f 8b}, not from the name).
     *
     * @throws DatasetFormatException if the file cannot be read or its gzip stream is truncated or corrupt
     */
    public static Content read(Path path) {
        Checks.present("path", path);
        byte[] stored;
        try {
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
            return new Content(path, digest, true, in.readAllBytes());
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
