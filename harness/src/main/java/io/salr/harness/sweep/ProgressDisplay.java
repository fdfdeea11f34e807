package io.salr.harness.sweep;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a sweep's progress goes. Log lines are always printed as plain lines; with the bar on, the
 * {@link ProgressView} of the current {@link ProgressView.Snapshot} is kept below them and redrawn in
 * place (ANSI cursor-up and erase-below) twice a second and after every log line. Without the bar nothing
 * but the log lines is written, so output to a file or a pipe stays plain text.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final long REFRESH_MILLIS = 500;

    private final PrintWriter out;
    private final boolean bar;
    private final int width;
    private final Supplier<ProgressView.Snapshot> source;
    private ScheduledExecutorService timer;
    private int drawn;

    ProgressDisplay(PrintWriter out, boolean bar, int width, Supplier<ProgressView.Snapshot> source) {
        this.out = out;
        this.bar = bar;
        this.width = width;
        this.source = source;
    }

    /** Starts the periodic redraw (bar only). */
    void start() {
        if (!bar) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Prints a line above the bar. */
    synchronized void log(String line) {
        erase();
        out.println(line);
        draw();
        out.flush();
    }

    /** Redraws the bar (nothing without it). */
    synchronized void refresh() {
        if (!bar) {
            return;
        }
        erase();
        draw();
        out.flush();
    }

    /** Stops the redraw and leaves the last bar on screen. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        refresh();
        synchronized (this) {
            drawn = 0;
        }
    }

    private void erase() {
        if (drawn > 0) {
            out.print("\r\033[" + drawn + "A\033[J");
            drawn = 0;
        }
    }

    private void draw() {
        if (!bar) {
            return;
        }
        List<String> lines = ProgressView.render(source.get(), width);
        for (String l : lines) {
            out.print(l);
            out.print('\n');
        }
        drawn = lines.size();
    }

    /** Whether standard output is a terminal (Java 17: a console exists only when stdin and stdout are terminals). */
    static boolean terminal() {
        return System.console() != null;
    }

    /** The terminal's width: {@code COLUMNS}, else {@code stty size} on /dev/tty, else 80. */
    static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null && columns.matches("\\d{2,4}")) {
                return Integer.parseInt(columns);
            }
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(1, TimeUnit.SECONDS)) {
                String[] rc = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                if (rc.length == 2 && rc[1].matches("\\d{2,4}")) {
                    return Integer.parseInt(rc[1]);
                }
            } else {
                p.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            return 80;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
