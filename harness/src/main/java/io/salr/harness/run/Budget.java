package io.salr.harness.run;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a run trains, in exactly one of three forms:
 * <ul>
 *   <li>a number of epochs;</li>
 *   <li>a number of metered gradient calls (forward+backward passes as the run's meter counts them): the
 *       run stops at the first iteration boundary at which its meter has reached the budget, so it spends at
 *       least the budget and less than one step's cost more;</li>
 *   <li>a number of iterations: what a budget in the paper's currency becomes once the planner has divided
 *       it by the method's declared paper cost per iteration (Section VI counts one gradient call per
 *       per-example normalized direction, so SGD-SALR costs (n1 + n2) / c per iteration). The paper calls it
 *       stands for are kept beside it, and a control run says whose iteration count it borrowed
 *       ({@code horizon}, e.g. {@code iterations-of:sgd-salr}).</li>
 * </ul>
 * The result records what was actually spent in every form (iterations, metered calls, wall time).
 *
 * @param epochs epochs to train, or 0
 * @param gradientCalls metered gradient calls to spend, or 0
 * @param iterations iterations to make, or 0
 * @param paperCalls with {@code iterations}: the budget in the paper's currency it was derived from (0 when none)
 * @param horizon with {@code iterations}: why the run has this many iterations when it is a control run
 *     ({@code iterations-of:METHOD}), empty otherwise
 */
public record Budget(int epochs, long gradientCalls, long iterations, long paperCalls, Optional<String> horizon) {

    /** The horizon label of a control run that trains for the iterations of {@code method} (a command-line name). */
    public static String iterationsOf(String method) {
        return "iterations-of:" + method;
    }

    public Budget {
        Checks.atLeast("epochs", epochs, 0);
        Checks.atLeast("budget", gradientCalls, 0L);
        Checks.atLeast("iterations", iterations, 0L);
        Checks.atLeast("paper_calls", paperCalls, 0L);
        Checks.present("horizon", horizon);
        int given = (epochs > 0 ? 1 : 0) + (gradientCalls > 0 ? 1 : 0) + (iterations > 0 ? 1 : 0);
        if (given != 1) {
            throw new InvalidParameterException("budget", "epochs=" + epochs + ", gradient_calls=" + gradientCalls
                    + ", iterations=" + iterations, "must give exactly one positive value: epochs, gradient calls or iterations");
        }
        if (iterations == 0 && (paperCalls > 0 || horizon.isPresent())) {
            throw new InvalidParameterException("budget", "paper_calls=" + paperCalls + ", horizon=" + horizon.orElse(""),
                    "paper calls and a horizon go only with a budget in iterations");
        }
        if (horizon.isPresent() && !horizon.get().matches("iterations-of:[a-z0-9-]+")) {
            throw new InvalidParameterException("horizon", horizon.get(), "must read iterations-of:METHOD");
        }
    }

    /** A budget in epochs or in metered gradient calls (exactly one positive). */
    public Budget(int epochs, long gradientCalls) {
        this(epochs, gradientCalls, 0, 0, Optional.empty());
    }

    public static Budget epochs(int epochs) {
        Checks.atLeast("epochs", epochs, 1);
        return new Budget(epochs, 0);
    }

    public static Budget gradientCalls(long calls) {
        Checks.atLeast("budget", calls, 1L);
        return new Budget(0, calls);
    }

    /**
     * A budget of {@code iterations} iterations, derived from {@code paperCalls} calls in the paper's currency
     * (0 when it was not).
     */
    public static Budget iterations(long iterations, long paperCalls) {
        Checks.atLeast("iterations", iterations, 1L);
        return new Budget(0, 0, iterations, paperCalls, Optional.empty());
    }

    /** A control run's budget: the iterations of another method's runs, with that method named as its horizon. */
    public static Budget control(long iterations, long paperCalls, String ofMethod) {
        Checks.atLeast("iterations", iterations, 1L);
        return new Budget(0, 0, iterations, paperCalls, Optional.of(iterationsOf(ofMethod)));
    }

    public boolean inEpochs() {
        return epochs > 0;
    }

    /** Whether the run stops on its meter (a budget in metered gradient calls). */
    public boolean inGradientCalls() {
        return gradientCalls > 0;
    }

    /** Whether the run stops after a fixed number of iterations. */
    public boolean inIterations() {
        return iterations > 0;
    }

    /**
     * The budget as a map for the run spec (and its id). The epoch and gradient-call forms are written as they
     * always were, so every run planned before the iteration form existed keeps its id.
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (inEpochs()) {
            m.put("epochs", epochs);
        } else if (inGradientCalls()) {
            m.put("gradient_calls", gradientCalls);
        } else {
            m.put("iterations", iterations);
            if (paperCalls > 0) {
                m.put("paper_calls", paperCalls);
            }
            horizon.ifPresent(h -> m.put("horizon", h));
        }
        return m;
    }
}
