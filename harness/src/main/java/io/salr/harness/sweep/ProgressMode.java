package io.salr.harness.sweep;

/** How a sweep shows its progress ({@code --progress}). */
public enum ProgressMode {
    /** A live bar when standard output is a terminal ({@code System.console() != null}), plain lines otherwise. */
    AUTO,
    /** Plain lines, one per finished run, plus a live bar (sweep and running workers) redrawn in place. */
    BAR,
    /** Plain lines only, one per finished run (for logs and files). */
    LINES;

    /** Whether to draw the live bar, given whether standard output is a terminal. */
    public boolean bar(boolean terminal) {
        return this == BAR || this == AUTO && terminal;
    }
}
