package io.salr.analysis.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A write failed because the file system is full (ENOSPC) or the user's quota is spent (EDQUOT). This is an
 * infrastructure failure, not bad input: the command line exits 1 for it (never 2), and a rerun once space is
 * freed resumes where the command stopped.
 */
public final class DiskFullException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    public DiskFullException(String message, IOException cause) {
        super(message, cause);
    }

    /** Whether {@code e} (or one of its causes) says that the disk or the quota is full. */
    public static boolean isDiskFull(Throwable e) {
        return find(e).isPresent();
    }

    /** The first of {@code e} and its causes that says the disk or the quota is full. */
    public static Optional<Throwable> find(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DiskFullException) {
                return Optional.of(c);
            }
            String m = c.getMessage();
            // the JDK reports errno only as strerror's text (Linux and macOS wording)
            if (c instanceof IOException && m != null && (m.contains("No space left on device")
                    || m.contains("Disk quota exceeded"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
