package io.salr.analysis.output;

import java.io.IOException;

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
}
