package io.salr.analysis.significance;

import io.salr.analysis.aggregate.Configuration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One method configuration compared with the reference on one dataset, model and metric. Statistics that
 * cannot be computed are empty and {@link #notes()} says why (e.g. {@code "n too small: welch_p, ..."});
 * none is ever NaN.
 *
 * @param dataset          dataset
 * @param model            model
 * @param metric           metric
 * @param method           method label: the method name, with {@code [hyperparameters]} appended when
 *                         the method has several configurations in this dataset, model and metric
 * @param configuration    the method's configuration
 * @param reference        the reference method's name
 * @param n                the method's number of values (seeds)
 * @param mean             the method's mean
 * @param std              the method's sample standard deviation, empty when n &lt; 2
 * @param referenceN       the reference's number of values
 * @param referenceMean    the reference's mean
 * @param referenceStd     the reference's sample standard deviation, empty when referenceN &lt; 2
 * @param delta            mean - referenceMean
 * @param ciLow            lower end of the bootstrap percentile interval of delta
 * @param ciHigh           upper end of that interval
 * @param welchP           Welch's two-sided p-value
 * @param welchLowerBound  Welch one-sided 95% lower confidence bound of delta (for non-inferiority)
 * @param mwuP             Mann-Whitney U two-sided p-value (exact for small samples)
 * @param holmP            welchP Holm-adjusted over the rows of this dataset, model and metric that have a
 *                         Welch p-value
 * @param hedgesG          Hedges' g of method against reference
 * @param a12              P(method &gt; reference) + P(equal)/2
 * @param wilcoxonP        paired Wilcoxon signed-rank p-value, present when both sides ran exactly the
 *                         same (study, seed) runs and not every paired difference is zero
 * @param mdeStandardized  minimum detectable effect (alpha 0.05 two-sided, power 0.8) for n and
 *                         referenceN seeds, in pooled-standard-deviation units
 * @param mde              the same in the metric's units
 * @param notes            reasons for the empty statistics
 */
public record SignificanceRow(String dataset, String model, String metric, String method,
                              Configuration configuration, String reference, int n, double mean,
                              OptionalDouble std, int referenceN, double referenceMean,
                              OptionalDouble referenceStd, double delta, OptionalDouble ciLow,
                              OptionalDouble ciHigh, OptionalDouble welchP, OptionalDouble welchLowerBound,
                              double mwuP, OptionalDouble holmP, OptionalDouble hedgesG, double a12,
                              OptionalDouble wilcoxonP, OptionalDouble mdeStandardized, OptionalDouble mde,
                              List<String> notes) {

    public SignificanceRow {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(reference, "reference");
        if (n < 1 || referenceN < 1) {
            throw new IllegalArgumentException("n and referenceN must be >= 1, were " + n + " and " + referenceN);
        }
        if (!(mwuP >= 0 && mwuP <= 1)) {
            throw new IllegalArgumentException("mwuP must lie in [0, 1], was " + mwuP);
        }
        if (!(a12 >= 0 && a12 <= 1)) {
            throw new IllegalArgumentException("a12 must lie in [0, 1], was " + a12);
        }
        notes = List.copyOf(notes);
    }

    /** A copy with the Holm-adjusted p-value set. */
    SignificanceRow withHolmP(double holm) {
        return new SignificanceRow(dataset, model, metric, method, configuration, reference, n, mean, std,
                referenceN, referenceMean, referenceStd, delta, ciLow, ciHigh, welchP, welchLowerBound, mwuP,
                OptionalDouble.of(holm), hedgesG, a12, wilcoxonP, mdeStandardized, mde, notes);
    }
}
