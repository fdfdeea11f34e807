package io.salr.optimizers.schedule;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The mutable state of the SALR schedule (Algorithm 1, Section II; Algorithm 3, Section V): the
 * history of sharpness values whose median normalizes the current one, the last value, and the
 * iteration it was observed at. Created by {@link SalrScheduleConfig#newState()}.
 *
 * <p>Per iteration k a caller asks {@link #needsSharpness(long)}, if so estimates S-hat at theta_k and
 * passes it to {@link #observe(long, double)}, then takes {@link #learningRate(long)}:
 *
 * <pre>
 *   eta_k = base(k) * clamp(m_k),   m_k = multiplier(S, median(prior + observed))
 * </pre>
 *
 * where S is the latest observed value. The multiplier has two guards, both documented cases of
 * {@link #multiplier(double, double)}: a negative S (possible when gamma overshoots a minimum, so
 * f(theta+) &lt; f(theta-)) gives 0, never a negative learning rate; otherwise a median &lt;= 0 (for
 * example all values 0 on a flat region) gives 1, i.e. the base schedule. Not thread-safe.
 */
public final class SalrScheduleState {

    private final SalrScheduleConfig config;
    private final RunningMedian history;
    private final List<Double> observed = new ArrayList<>();
    private long lastObservedIteration = -1;
    private double lastMultiplier;
    private boolean rateComputed;

    SalrScheduleState(SalrScheduleConfig config) {
        this.config = Checks.present("config", config);
        this.history = new RunningMedian();
        for (double value : config.priorSharpness()) {
            history.add(value);
        }
    }

    /** The configuration this state belongs to. */
    public SalrScheduleConfig config() {
        return config;
    }

    /**
     * Whether sharpness must be estimated at this iteration: when {@code k mod c == 0}, and also
     * whenever nothing has been observed yet (so a run resumed or started at any k has a value).
     */
    public boolean needsSharpness(long iteration) {
        Checks.atLeast("iteration", iteration, 0L);
        return iteration % config.c() == 0 || observed.isEmpty();
    }

    /**
     * Records the sharpness estimated at a refresh iteration; it enters the median's history.
     *
     * @throws InvalidParameterException if sHat is NaN or infinite (the message names the iteration
     *     and the value), if the iteration is not after the last observed one, or if it is not a
     *     refresh iteration ({@link #needsSharpness(long)} is false)
     */
    public void observe(long iteration, double sHat) {
        Checks.atLeast("iteration", iteration, 0L);
        if (!Double.isFinite(sHat)) {
            throw new InvalidParameterException("sHat", sHat,
                    "must be a finite number (observed at iteration " + iteration + ")");
        }
        if (iteration <= lastObservedIteration) {
            throw new InvalidParameterException("iteration", iteration,
                    "must be after the last observed iteration " + lastObservedIteration);
        }
        if (!needsSharpness(iteration)) {
            throw new InvalidParameterException("iteration", iteration,
                    "is not a refresh iteration (k mod c != 0 with c = " + config.c() + ")");
        }
        history.add(sHat);
        observed.add(sHat);
        lastObservedIteration = iteration;
    }

    /**
     * eta_k: the base schedule's value during warm-up ({@code k < warmupIterations}), otherwise the
     * base value times the (clamped) multiplier of the last observed sharpness over the median.
     *
     * @throws IllegalStateException after warm-up if no sharpness has been observed yet
     */
    public double learningRate(long iteration) {
        double base = config.baseSchedule().valueAt(Checks.atLeast("iteration", iteration, 0L));
        double m;
        if (iteration < config.warmupIterations()) {
            m = 1.0;
        } else {
            m = clamp(multiplier(lastSharpness(), history.median()));
        }
        lastMultiplier = m;
        rateComputed = true;
        return base * m;
    }

    /**
     * The unclamped SALR multiplier S / median with its guards: 0 when {@code sHat < 0} (no negative
     * learning rates), otherwise 1 when {@code median <= 0} (no meaningful normalization), otherwise
     * {@code sHat / median}. For a history of non-negative values it is non-decreasing in sHat.
     */
    public static double multiplier(double sHat, double median) {
        if (sHat < 0) {
            return 0.0;
        }
        if (median <= 0) {
            return 1.0;
        }
        return sHat / median;
    }

    private double clamp(double m) {
        double out = m;
        if (config.multiplierMin().isPresent()) {
            out = Math.max(out, config.multiplierMin().getAsDouble());
        }
        if (config.multiplierMax().isPresent()) {
            out = Math.min(out, config.multiplierMax().getAsDouble());
        }
        return out;
    }

    /** Whether any sharpness has been observed. */
    public boolean hasSharpness() {
        return !observed.isEmpty();
    }

    /**
     * The latest observed sharpness, reused between refreshes.
     *
     * @throws IllegalStateException if none has been observed
     */
    public double lastSharpness() {
        if (observed.isEmpty()) {
            throw new IllegalStateException("no sharpness has been observed yet");
        }
        return observed.get(observed.size() - 1);
    }

    /**
     * The multiplier applied by the latest {@link #learningRate(long)} call (1 during warm-up).
     *
     * @throws IllegalStateException if no learning rate has been computed
     */
    public double lastMultiplier() {
        if (!rateComputed) {
            throw new IllegalStateException("no learning rate has been computed yet");
        }
        return lastMultiplier;
    }

    /** The median of the prior and observed values (the normalizer of Algorithm 1). */
    public double median() {
        return history.median();
    }

    /** The observed values in order (the prior excluded). */
    public List<Double> observedSharpness() {
        return List.copyOf(observed);
    }

    /** The state for a checkpoint; {@link SalrScheduleConfig#restore(Snapshot)} rebuilds it. */
    public Snapshot snapshot() {
        return new Snapshot(observed,
                observed.isEmpty() ? OptionalLong.empty() : OptionalLong.of(lastObservedIteration));
    }

    static SalrScheduleState restore(SalrScheduleConfig config, Snapshot snapshot) {
        Checks.present("snapshot", snapshot);
        SalrScheduleState state = new SalrScheduleState(config);
        for (double value : snapshot.observedSharpness()) {
            state.history.add(value);
            state.observed.add(value);
        }
        state.lastObservedIteration = snapshot.lastObservedIteration().orElse(-1L);
        return state;
    }

    /**
     * A checkpoint of the state: the observed sharpness values in order (the last one is the current
     * S) and the iteration of the last observation. The prior belongs to the configuration.
     *
     * @param observedSharpness finite values in observation order
     * @param lastObservedIteration present exactly when values were observed
     */
    public record Snapshot(List<Double> observedSharpness, OptionalLong lastObservedIteration) {

        /** Validates that the values are finite and the iteration is present exactly when needed. */
        public Snapshot {
            Checks.present("observedSharpness", observedSharpness);
            Checks.present("lastObservedIteration", lastObservedIteration);
            for (int i = 0; i < observedSharpness.size(); i++) {
                Checks.present("observedSharpness[" + i + "]", observedSharpness.get(i));
                Checks.finite("observedSharpness[" + i + "]", observedSharpness.get(i));
            }
            if (observedSharpness.isEmpty() == lastObservedIteration.isPresent()) {
                throw new InvalidParameterException("lastObservedIteration", lastObservedIteration,
                        "must be present exactly when observedSharpness is non-empty (size "
                                + observedSharpness.size() + ")");
            }
            if (lastObservedIteration.isPresent()) {
                Checks.atLeast("lastObservedIteration", lastObservedIteration.getAsLong(), 0L);
            }
            observedSharpness = List.copyOf(observedSharpness);
        }
    }
}
