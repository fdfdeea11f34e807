package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

import java.util.regex.Pattern;

/**
 * The provenance of one data file: its name, its size in bytes and the SHA-256 of its bytes as stored on
 * disk (of the compressed file when it is gzipped), as lowercase hexadecimal.
 *
 * @param fileName  the file's name, without directory
 * @param sizeBytes the file's length on disk
 * @param sha256    64 lowercase hexadecimal digits
 */
public record FileDigest(String fileName, long sizeBytes, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Validates every field. */
    public FileDigest {
        Checks.present("fileName", fileName);
        if (fileName.isEmpty()) {
            throw new InvalidParameterException("fileName", "\"\"", "must not be empty");
        }
        Checks.atLeast("sizeBytes", sizeBytes, 0L);
        Checks.present("sha256", sha256);
        if (!HEX64.matcher(sha256).matches()) {
            throw new InvalidParameterException("sha256", sha256, "must be 64 lowercase hexadecimal digits");
        }
    }
}
