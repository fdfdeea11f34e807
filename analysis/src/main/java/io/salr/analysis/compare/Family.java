package io.salr.analysis.compare;

import io.salr.analysis.stats.Holm;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A family of comparisons whose error rate is controlled together: Holm's step-down adjustment of their
 * p-values and of the p-values of the opposite claims, all in one family, then each verdict from the adjusted
 * values. Comparisons without a p-value stay NOT_TESTED and do not count towards the family's size.
 */
public final class Family {

    private Family() {
    }

    /**
     * The comparisons with adjusted p-values and verdicts, in the given order. The p-values of the claims and
     * those of their opposites form one Holm family, so the error over both directions stays at alpha.
     */
    public static List<Comparison> holm(List<Comparison> comparisons) {
        List<Double> all = new ArrayList<>();
        int[] at = new int[comparisons.size()];
        int[] reverseAt = new int[comparisons.size()];
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            at[i] = -1;
            reverseAt[i] = -1;
            if (c.p().isPresent()) {
                at[i] = all.size();
                all.add(c.p().getAsDouble());
                if (c.reverseP().isPresent()) {
                    reverseAt[i] = all.size();
                    all.add(c.reverseP().getAsDouble());
                }
            }
        }
        double[] adjusted = Holm.adjust(all.stream().mapToDouble(Double::doubleValue).toArray());
        List<Comparison> out = new ArrayList<>(comparisons);
        for (int i = 0; i < comparisons.size(); i++) {
            if (at[i] >= 0) {
                out.set(i, comparisons.get(i).adjusted(adjusted[at[i]],
                        reverseAt[i] < 0 ? OptionalDouble.empty() : OptionalDouble.of(adjusted[reverseAt[i]])));
            }
        }
        return out;
    }

    /** The m of Holm's adjustment: the p-values of the list, each claim's and its opposite's. */
    public static int size(List<Comparison> comparisons) {
        return (int) comparisons.stream().filter(c -> c.p().isPresent())
                .mapToInt(c -> c.reverseP().isPresent() ? 2 : 1).sum();
    }
}
