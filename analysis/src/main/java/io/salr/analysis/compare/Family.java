package io.salr.analysis.compare;

import io.salr.analysis.stats.Holm;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A family of comparisons whose error rate is controlled together: Holm's step-down adjustment of their
 * p-values (and, separately, of the p-values of the opposite claims), then each verdict from the adjusted
 * values. Comparisons without a p-value stay NOT_TESTED and do not count towards the family's size.
 */
public final class Family {

    private Family() {
    }

    /** The comparisons with adjusted p-values and verdicts, in the given order. */
    public static List<Comparison> holm(List<Comparison> comparisons) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            if (comparisons.get(i).p().isPresent()) {
                tested.add(i);
            }
        }
        double[] adjusted = Holm.adjust(tested.stream().mapToDouble(i -> comparisons.get(i).p().getAsDouble()).toArray());
        List<Integer> withReverse = tested.stream().filter(i -> comparisons.get(i).reverseP().isPresent()).toList();
        double[] reverse = Holm.adjust(withReverse.stream()
                .mapToDouble(i -> comparisons.get(i).reverseP().getAsDouble()).toArray());
        List<Comparison> out = new ArrayList<>(comparisons);
        for (int j = 0; j < tested.size(); j++) {
            int i = tested.get(j);
            int r = withReverse.indexOf(i);
            out.set(i, comparisons.get(i).adjusted(adjusted[j], r < 0 ? OptionalDouble.empty() : OptionalDouble.of(reverse[r])));
        }
        return out;
    }

    /** How many comparisons of the list have a p-value (the m of Holm's adjustment). */
    public static int size(List<Comparison> comparisons) {
        return (int) comparisons.stream().filter(c -> c.p().isPresent()).count();
    }
}
