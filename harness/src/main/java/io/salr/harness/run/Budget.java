package io.salr.harness.run;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a run trains: a number of epochs, or a number of gradient calls (forward+backward passes
 * as the run's meter counts them, Section VI's unit for budget matching). A run on a gradient-call
 * budget stops at the first iteration boundary at which its meter has reached the budget, so it spends
 * at least the budget and less than one step's cost more; the result records what was actually spent.
 *
 * @param epochs epochs to train, or 0 when the budget is in gradient calls
 * @param gradientCalls gradient calls to spend, or 0 when the budget is in epochs
 */
public record Budget(int epochs, long gradientCalls) {

    public Budget {
        Checks.atLeast("epochs", epochs, 0);
        Checks.atLeast("budget", gradientCalls, 0L);
        if ((epochs == 0) == (gradientCalls == 0)) {
            throw new InvalidParameterException("budget", "epochs=" + epochs + ", gradient_calls=" + gradientCalls,
                    "must give exactly one positive value: epochs or gradient calls");
        }
    }

    public static Budget epochs(int epochs) {
        Checks.atLeast("epochs", epochs, 1);
        return new Budget(epochs, 0);
    }

    public static Budget gradientCalls(long calls) {
        Checks.atLeast("budget", calls, 1L);
        return new Budget(0, calls);
    }

    public boolean inEpochs() {
        return epochs > 0;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (inEpochs()) {
            m.put("epochs", epochs);
        } else {
            m.put("gradient_calls", gradientCalls);
        }
        return m;
    }
}
