package io.salr.datasets.real;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file that is corrupt, truncated, mislabelled or otherwise not in the expected format. Carries the
 * file and a description of what is wrong, so the command line can report both; a loader that throws this
 * has returned nothing (never a partial data set).
 */
public final class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the offending file
     * @param problem what is wrong with it, in words a user can act on
     */
    public DatasetFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the offending file
     * @param problem what is wrong with it
     * @param cause   the low-level failure (an I/O or decoding error), or {@code null}
     */
    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }

    /** What is wrong with the file, without the file name. */
    public String problem() {
        return problem;
    }
}
