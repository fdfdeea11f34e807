package io.salr.analysis.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader sees either the previous complete file or the new complete file,
 * never a half-written one: the content goes to a temporary file in the same directory, is forced to
 * disk, and is then renamed over the target (an atomic rename on POSIX filesystems).
 *
 * <p>The temporary file is created as any new file is (mode 0666 less the process's umask: 0644 under the
 * usual umask 022), not with {@link Files#createTempFile}'s owner-only 0600, so results written to a shared
 * filesystem are readable by collaborators exactly as far as the umask says.
 */
public final class AtomicFiles {

    /** Something that writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Creates an empty, hidden temporary file named after {@code name} in {@code dir}, with the mode a new file
     * gets from the umask ({@code open(O_CREAT | O_EXCL, 0666)}).
     */
    static Path newTemporary(Path dir, String name) throws IOException {
        for (int tries = 0; ; tries++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (tries >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates {@code target} with the UTF-8 encoding of {@code text} unless it exists, atomically: of several
     * processes or threads that try at once exactly one creates it, and a reader never sees it half-written
     * (the content is written to a temporary file, forced to disk, then hard-linked to the target, which fails
     * when the target exists).
     *
     * @return true when this call created the file, false when it existed
     */
    public static boolean createIfAbsent(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newTemporary(dir, absolute.getFileName().toString());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(absolute, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException || Files.exists(absolute)) {
                    return false;
                }
                // a file system without hard links: create the file exclusively and fill it (the narrow window in
                // which a reader could see it short is accepted there)
                try {
                    Files.write(absolute, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return true;
                } catch (FileAlreadyExistsException exists) {
                    return false;
                }
            }
        } catch (IOException e) {
            if (DiskFullException.isDiskFull(e)) {
                throw new DiskFullException("could not write " + absolute + ": " + e.getMessage()
                        + " (the disk is full: free space and rerun the same command to resume)", e);
            }
            throw new UncheckedIOException("could not write " + absolute + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and named after the target; leaving it is harmless
                }
            }
        }
    }

    /** Atomically replaces {@code target} with the UTF-8 encoding of {@code text}. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        Path firstCreated = null; // the outermost directory this write creates, removed again when it fails
        try {
            for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
                firstCreated = d;
            }
            Files.createDirectories(dir);
            tmp = newTemporary(dir, absolute.getFileName().toString());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.flush();
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                    tmp = null;
                } catch (IOException ignored) {
                    // the temporary file is hidden and named after the target; leaving it is harmless
                }
            }
            removeEmpty(dir, firstCreated);
            if (DiskFullException.isDiskFull(e)) {
                throw new DiskFullException("could not write " + absolute + ": " + e.getMessage()
                        + " (the disk is full: free space and rerun the same command to resume)", e);
            }
            throw new UncheckedIOException("could not write " + absolute + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and named after the target; leaving it is harmless
                }
            }
        }
    }

    /**
     * Why a write failed, in words: the JDK's file-system exceptions carry only the path as their message (a
     * FileAlreadyExistsException from creating the folders says "/x/out", not that /x/out is a file).
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) {
            String file = f.getFile();
            if (e instanceof FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
                return file + " is a file, not a directory: a folder cannot be created there";
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return file + ": permission denied";
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return file + ": no such file or directory";
            }
            return file + ": " + e.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    /** Removes the directories from {@code dir} up to {@code top} that a failed write created, while they are empty. */
    private static void removeEmpty(Path dir, Path top) {
        if (top == null) {
            return;
        }
        for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException notEmpty) {
                return; // something else was written there meanwhile: it stays
            }
        }
    }
}
