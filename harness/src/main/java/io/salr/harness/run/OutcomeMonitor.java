package io.salr.harness.run;

import java.util.OptionalLong;

/**
 * Follows a run's step losses and decides, by {@link OutcomeRule}, when a finite run has blown up. Its
 * state is a handful of numbers, saved in every checkpoint so that a resumed run decides exactly as an
 * uninterrupted one.
 */
final class OutcomeMonitor {

    /** Why the monitor called a run diverged. */
    record Verdict(long fromIteration, String rule, double average, double reference) {
    }

    private final OutcomeRule rule;
    private final double alpha;
    private long seen;
    private double startSum;
    private double average;
    private double minimum = Double.POSITIVE_INFINITY;
    private boolean learnt;
    private long streak;
    private long streakStart = -1;
    private String streakRule = "";

    OutcomeMonitor(OutcomeRule rule) {
        this.rule = rule;
        this.alpha = 2.0 / (rule.window() + 1);
    }

    /** The starting loss (the mean of the first window's losses), or NaN before the window is full. */
    double startingLoss() {
        return seen >= rule.window() ? startSum / rule.window() : Double.NaN;
    }

    /**
     * Takes the loss of iteration k; returns the verdict when the run has now blown up.
     *
     * @param loss the step's (finite) training loss
     */
    java.util.Optional<Verdict> observe(long k, double loss) {
        if (seen < rule.window()) {
            startSum += loss;
        }
        average = seen == 0 ? loss : average + alpha * (loss - average);
        seen++;
        if (seen < rule.window()) {
            return java.util.Optional.empty();
        }
        double start = startingLoss();
        minimum = Math.min(minimum, average);
        if (average < start / 10) {
            learnt = true;
        }
        String which = "";
        double reference = Double.NaN;
        if (average > rule.blowupFactor() * start) {
            which = "blowup";
            reference = start;
        } else if (learnt && average > rule.relapseFactor() * minimum && average > start / 2) {
            which = "relapse";
            reference = minimum;
        }
        if (which.isEmpty()) {
            streak = 0;
            streakStart = -1;
            return java.util.Optional.empty();
        }
        if (streak == 0) {
            streakStart = k;
            streakRule = which;
        }
        streak++;
        if (streak >= rule.patience()) {
            return java.util.Optional.of(new Verdict(streakStart, streakRule, average, reference));
        }
        return java.util.Optional.empty();
    }

    /** The state, for a checkpoint. */
    double[] state() {
        return new double[] {seen, startSum, average, minimum, learnt ? 1 : 0, streak, streakStart,
            streakRule.equals("blowup") ? 1 : streakRule.equals("relapse") ? 2 : 0};
    }

    /** Puts back a state taken by {@link #state()}. */
    void restore(double[] s) {
        seen = (long) s[0];
        startSum = s[1];
        average = s[2];
        minimum = s[3];
        learnt = s[4] != 0;
        streak = (long) s[5];
        streakStart = (long) s[6];
        streakRule = s[7] == 1 ? "blowup" : s[7] == 2 ? "relapse" : "";
    }

    /** The first iteration of the current streak, when one is running. */
    OptionalLong streakStart() {
        return streakStart >= 0 ? OptionalLong.of(streakStart) : OptionalLong.empty();
    }
}
