package io.salr.harness.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of the sweep's live progress display, as a pure function of a {@link Snapshot}: one line for
 * the sweep (a bar, done / failed / running / remaining, ETA) and one line per running worker (its run,
 * epoch, latest loss and a bar of its budget). {@link ProgressDisplay} redraws it in place on a terminal.
 */
public final class ProgressView {

    private static final int SWEEP_BAR = 24;
    private static final int RUN_BAR = 10;

    private ProgressView() {
    }

    /**
     * A running run as the display shows it.
     *
     * @param label what the run is (id prefix, model, method, gamma, seed)
     * @param progress its latest progress file, or empty before its first write
     * @param fraction the part of its budget spent, in [0, 1]
     */
    public record Worker(String label, Optional<RunProgress> progress, double fraction) {
        public Worker {
            fraction = Math.max(0, Math.min(1, fraction));
        }
    }

    /**
     * Where the sweep stands.
     *
     * @param total runs this sweep executes (complete ones skipped)
     * @param completed runs completed so far
     * @param diverged runs that diverged
     * @param failed runs that failed
     * @param elapsedSeconds time since the sweep started
     * @param workers the runs in flight, in start order
     */
    public record Snapshot(int total, int completed, int diverged, int failed, double elapsedSeconds, List<Worker> workers) {
        public Snapshot {
            workers = List.copyOf(workers);
        }

        public int done() {
            return completed + diverged + failed;
        }

        public int remaining() {
            return Math.max(0, total - done() - workers.size());
        }

        /**
         * Seconds left, from the mean time per run so far, counting the spent part of each running run's
         * budget; NaN before any progress.
         */
        public double etaSeconds() {
            double progressed = done();
            for (Worker w : workers) {
                progressed += w.fraction();
            }
            if (done() >= total) {
                return 0;
            }
            return progressed <= 0 ? Double.NaN : elapsedSeconds / progressed * (total - progressed);
        }
    }

    /** The lines of the display, each cut to {@code width} characters. */
    public static List<String> render(Snapshot s, int width) {
        List<String> lines = new ArrayList<>();
        double fraction = s.total() == 0 ? 1 : (double) s.done() / s.total();
        lines.add(String.format(Locale.ROOT, "sweep %s %d/%d done (completed %d, diverged %d, failed %d), running %d, remaining %d, elapsed %s, ETA %s",
                bar(fraction, SWEEP_BAR), s.done(), s.total(), s.completed(), s.diverged(), s.failed(), s.workers().size(),
                s.remaining(), duration(s.elapsedSeconds()), duration(s.etaSeconds())));
        for (Worker w : s.workers()) {
            String state = w.progress().map(p -> String.format(Locale.ROOT, "epoch %d, iteration %d, loss %s, %d gradient calls",
                    p.epoch(), p.iteration(), loss(p.loss()), p.gradientCalls())).orElse("starting");
            lines.add(String.format(Locale.ROOT, "  %s %3.0f%% %s: %s", bar(w.fraction(), RUN_BAR), 100 * w.fraction(), w.label(), state));
        }
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            cut.add(l.length() > width ? l.substring(0, Math.max(0, width - 1)) + "~" : l);
        }
        return cut;
    }

    /** {@code [#####-----]}: {@code cells} cells, filled in proportion to {@code fraction}. */
    static String bar(double fraction, int cells) {
        int filled = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * cells);
        return "[" + "#".repeat(filled) + "-".repeat(cells - filled) + "]";
    }

    /** {@code 1m05s}, {@code 2h03m}; {@code --} when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--";
        }
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String loss(double loss) {
        return Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : String.valueOf(loss);
    }
}
