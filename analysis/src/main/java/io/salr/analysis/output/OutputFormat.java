package io.salr.analysis.output;

import io.salr.analysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One output format for one kind of result.
 *
 * @param <T> the result type rendered
 */
public interface OutputFormat<T> {

    /** The file name this format is written to, e.g. {@code summary.csv}. */
    String fileName();

    /** Renders the result completely into {@code out}. */
    void write(T result, Appendable out) throws IOException;

    /** Renders the result into a string. */
    default String render(T result) {
        StringBuilder out = new StringBuilder();
        try {
            write(result, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not throw", e);
        }
        return out.toString();
    }

    /**
     * Renders the result and writes it atomically to {@code directory/fileName()} (created if needed):
     * a reader sees the previous file or the complete new one, never a partial one.
     *
     * @return the written file
     */
    default Path writeTo(Path directory, T result) {
        Path target = directory.resolve(fileName());
        AtomicFiles.writeString(target, render(result));
        return target;
    }
}
