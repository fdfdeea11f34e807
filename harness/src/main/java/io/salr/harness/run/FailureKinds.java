package io.salr.harness.run;

import io.salr.datasets.real.DatasetFormatException;
import io.salr.datasets.real.DatasetNotFoundException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipException;

/**
 * Which {@link RunResult.FailureKind} an exception that ended a run is. The machine's failures (an I/O error, a
 * full disk, missing files that a mount may bring back, memory) are {@code infrastructure}: a plain rerun
 * resumes. A data file whose content is wrong (truncated, corrupt, too short for one sequence) fails the same
 * way on every rerun, so it is {@code deterministic}, as every other exception of the run or its setup is.
 */
public final class FailureKinds {

    private FailureKinds() {
    }

    /** The kind of failure {@code e} is. */
    public static RunResult.FailureKind of(Throwable e) {
        if (e instanceof DatasetFormatException f) {
            // reading the file failed (not its decoding): the machine, e.g. a vanished mount
            Throwable c = f.getCause();
            boolean readError = c instanceof IOException && !(c instanceof ZipException) && !(c instanceof EOFException);
            return readError ? RunResult.FailureKind.INFRASTRUCTURE : RunResult.FailureKind.DETERMINISTIC;
        }
        if (e instanceof UncheckedIOException || e instanceof DatasetNotFoundException || e instanceof OutOfMemoryError) {
            return RunResult.FailureKind.INFRASTRUCTURE;
        }
        return RunResult.FailureKind.DETERMINISTIC;
    }
}
