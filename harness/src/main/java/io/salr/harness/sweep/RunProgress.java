package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a training run stands, as its {@code progress.json} says: the worker JVM rewrites the file
 * (atomically) at every epoch end and at most once per {@link #WRITE_INTERVAL_NANOS} in between, and the
 * sweep reads it for its progress display. Only for display: nothing else depends on it.
 *
 * @param epoch epochs completed
 * @param iteration iterations made
 * @param loss the latest mini-batch loss (may be NaN or infinite for a diverging run)
 * @param gradientCalls gradient calls spent so far
 */
public record RunProgress(int epoch, long iteration, double loss, long gradientCalls) {

    /** At most one write per second between epoch ends. */
    static final long WRITE_INTERVAL_NANOS = 1_000_000_000L;

    /** The file's content. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("iteration", iteration);
        m.put("loss", Double.isFinite(loss) ? loss : String.valueOf(loss));
        m.put(Metric.GRAD_CALLS.id(), gradientCalls);
        return m;
    }

    /** Reads a progress file; empty when it is absent or unreadable (it is only for display). */
    public static Optional<RunProgress> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> m = RunFolder.readJson(file);
            Object loss = m.get("loss");
            double l = loss instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(loss));
            return Optional.of(new RunProgress(((Number) m.get("epoch")).intValue(), ((Number) m.get("iteration")).longValue(),
                    l, ((Number) m.get(Metric.GRAD_CALLS.id())).longValue()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A trainer listener that keeps {@code file} up to date and passes every event on to {@code next}.
     * Write errors are ignored: a missing progress display must not fail a run.
     */
    public static Trainer.Listener writer(Path file, Trainer.Listener next) {
        return new Trainer.Listener() {
            private long lastWrite = System.nanoTime();
            private int epoch;
            private long iteration;
            private double loss = Double.NaN;
            private long calls;

            @Override
            public void epochEnd(int epochsDone, Map<String, Double> row) {
                epoch = epochsDone;
                write();
                next.epochEnd(epochsDone, row);
            }

            @Override
            public void iterationEnd(long it, double l, long gradientCalls) {
                iteration = it + 1;
                loss = l;
                calls = gradientCalls;
                if (System.nanoTime() - lastWrite >= WRITE_INTERVAL_NANOS) {
                    write();
                }
                next.iterationEnd(it, l, gradientCalls);
            }

            private void write() {
                lastWrite = System.nanoTime();
                try {
                    RunFolder.writeJson(file, new RunProgress(epoch, iteration, loss, calls).toMap());
                } catch (RuntimeException ignored) {
                    // display only; the run's own files are written elsewhere
                }
            }
        };
    }
}
