package io.salr.harness.run;

import io.salr.analysis.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything a run writes to its folder, in one place: the append-only logs (epochs.csv and
 * iterations.csv grow by one row at a time; a checkpoint records their lengths and a resume cuts them back
 * to those, so no checkpoint ever rewrites history), the checkpoints (two generations, each verified by
 * its checksum), the result and, for a failure, the stack trace in {@code failure.txt}.
 *
 * <p>Checkpoint rotation: the new checkpoint is written completely (temporary file, forced to disk,
 * renamed) as {@code checkpoint.next.bin}; only then does {@code checkpoint.bin} become
 * {@code checkpoint.prev.bin} and the new one {@code checkpoint.bin}. A failure at any moment (disk full, a
 * kill) leaves at least one complete checkpoint; reading prefers the newest that verifies.
 */
final class RunRecorder implements AutoCloseable {

    /**
     * Characters the iteration log holds in memory before it writes them: about a thousand rows, so the log
     * costs the training loop a system call every thousand iterations; checkpoints, epoch ends and the end
     * of the run flush it ({@link #flushLogs}).
     */
    static final int LOG_BUFFER = 1 << 16;

    private final RunFolder folder;
    private BufferedWriter epochs;
    private BufferedWriter iterations;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];

    RunRecorder(RunFolder folder) {
        this.folder = folder;
    }

    Path next() {
        return folder.dir().resolve("checkpoint.next.bin");
    }

    Path previous() {
        return folder.dir().resolve("checkpoint.prev.bin");
    }

    Path failureFile() {
        return folder.dir().resolve("failure.txt");
    }

    /** Removes temporary files an interrupted write left behind (hidden {@code .NAME.*.tmp} files). */
    void cleanStaleTemporaries() {
        if (!Files.isDirectory(folder.dir())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.dir(), ".*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest checkpoint of this run that can be used; a corrupt, truncated or foreign one is reported
     * on {@code log} (naming the file) and the next older generation is tried.
     */
    Optional<Checkpoint> latestCheckpoint(String runId, Consumer<String> log) {
        for (Path p : List.of(next(), folder.checkpoint(), previous())) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                Checkpoint c = Checkpoint.read(p);
                if (!c.runId().equals(runId)) {
                    log.accept("checkpoint " + p + " belongs to run " + c.runId() + ", not " + runId + "; ignored");
                    continue;
                }
                if (!logsReach(c)) {
                    log.accept("checkpoint " + p + " expects logs longer than " + folder.epochs().getFileName() + " / "
                            + folder.iterations().getFileName() + " are; ignored");
                    continue;
                }
                return Optional.of(c);
            } catch (Checkpoint.UnusableCheckpointException e) {
                log.accept(e.getMessage() + "; falling back to an older checkpoint (or a fresh start)");
            }
        }
        return Optional.empty();
    }

    private boolean logsReach(Checkpoint c) {
        return size(folder.epochs()) >= c.epochsLogBytes() && size(folder.iterations()) >= c.iterationsLogBytes();
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Opens the logs for appending: from a checkpoint, cut back to the lengths it recorded; else new, with
     * their headers.
     */
    void openLogs(Optional<Checkpoint> from, List<String> epochColumns, List<String> iterationColumns) {
        try {
            Files.createDirectories(folder.dir());
            if (from.isPresent()) {
                truncate(folder.epochs(), from.get().epochsLogBytes());
                truncate(folder.iterations(), from.get().iterationsLogBytes());
            } else {
                Files.writeString(folder.epochs(), String.join(",", epochColumns) + "\n", StandardCharsets.UTF_8);
                Files.writeString(folder.iterations(), String.join(",", iterationColumns) + "\n", StandardCharsets.UTF_8);
            }
            epochs = Files.newBufferedWriter(folder.epochs(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            iterations = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(folder.iterations(),
                    StandardOpenOption.APPEND), StandardCharsets.UTF_8), LOG_BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the logs of " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }

    void appendEpoch(double[] row) {
        append(epochs, row);
    }

    void appendIteration(double[] row) {
        append(iterations, row);
    }

    private void append(BufferedWriter w, double[] row) {
        line.setLength(0);
        Trainer.appendCsvRow(line, row);
        if (chars.length < line.length()) {
            chars = new char[2 * line.length()];
        }
        line.getChars(0, line.length(), chars, 0);
        try {
            w.write(chars, 0, line.length());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to a log: " + e.getMessage(), e);
        }
    }

    /** Flushes both logs to disk and returns their lengths {epochs, iterations}. */
    long[] flushLogs() {
        try {
            epochs.flush();
            iterations.flush();
            for (Path p : List.of(folder.epochs(), folder.iterations())) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            return new long[] {Files.size(folder.epochs()), Files.size(folder.iterations())};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the logs of " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code c} as the newest generation, keeping the previous one; never loses the last good one. */
    void writeCheckpoint(Checkpoint c) {
        c.write(next());
        try {
            if (Files.exists(folder.checkpoint())) {
                move(folder.checkpoint(), previous());
            }
            move(next(), folder.checkpoint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the checkpoints of " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the logs of a run that starts over (no usable checkpoint). */
    void discardLogs() {
        try {
            Files.deleteIfExists(folder.epochs());
            Files.deleteIfExists(folder.iterations());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the logs of " + folder.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the result (last: its presence makes the folder complete) and, for a failure, its stack trace. */
    void writeResult(RunResult result, Optional<Throwable> failure) {
        failure.ifPresent(t -> {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            AtomicFiles.writeString(failureFile(), trace.toString());
        });
        if (failure.isEmpty()) {
            try {
                Files.deleteIfExists(failureFile()); // the trace of an earlier, failed execution: stale now
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + failureFile() + ": " + e.getMessage(), e);
            }
        }
        RunFolder.writeJson(folder.result(), result.toMap());
    }

    /** Removes every checkpoint generation (the run is complete). */
    void deleteCheckpoints() {
        List<IOException> problems = new ArrayList<>();
        for (Path p : List.of(next(), folder.checkpoint(), previous())) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                problems.add(e); // a stale checkpoint is ignored by a complete folder
            }
        }
    }

    @Override
    public void close() {
        for (BufferedWriter w : new BufferedWriter[] {epochs, iterations}) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // nothing more can be written; the checkpoint's lengths decide what a resume keeps
                }
            }
        }
    }
}
