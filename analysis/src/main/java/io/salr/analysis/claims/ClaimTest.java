package io.salr.analysis.claims;

import io.salr.analysis.compare.Interval;
import io.salr.analysis.compare.TestKind;
import io.salr.analysis.compare.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Optional;

/**
 * One test of a claim: a method configuration against a baseline configuration (or, for the mechanism claim,
 * against "no association") on one dataset and model. Every statistic is oriented so that a positive
 * improvement supports the claim; statistics that cannot be computed are empty and the notes say why.
 *
 * @param claimId     the claim
 * @param dataset     dataset
 * @param model       model
 * @param method      the method with its configuration, e.g. {@code sgd-salr (gamma=0.01;lr=0.1)}
 * @param against     the baseline with its configuration, or what the method is tested against
 * @param metric      the metric
 * @param test        superiority, non-inferiority or equivalence
 * @param margin      the margin in the metric's units
 * @param alpha       the one-sided error rate
 * @param family      the Holm family and its size (the tests with a p-value)
 * @param familySize  the number of tests in the family
 * @param n           the method's finished runs
 * @param nAgainst    the baseline's finished runs (0 for a one-sample test)
 * @param failed      the method's failed runs (diverged, collapsed)
 * @param failedAgainst the baseline's failed runs
 * @param mean        the method's mean
 * @param meanAgainst the baseline's mean (0 for a one-sample test)
 * @param improvement the oriented difference of the means ({@code sign * (mean - meanAgainst)})
 * @param interval    the interval of the improvement, coverage {@code 1 - 2 alpha}
 * @param p           the test's one-sided p-value before adjustment
 * @param adjustedP   Holm-adjusted over the family
 * @param mde         the improvement detectable with 80% power at this n and alpha, in the metric's units
 * @param verdict     after adjustment (and, for fewer-epochs, after checking the ratio of iterations)
 * @param scale       the evidence's scale: budget, iterations, seeds
 * @param notes       what the reader must know
 */
public record ClaimTest(String claimId, String dataset, String model, String method, String against, String metric,
                        TestKind test, double margin, double alpha, String family, int familySize, int n, int nAgainst,
                        int failed, int failedAgainst, OptionalDouble mean, OptionalDouble meanAgainst,
                        OptionalDouble improvement, Optional<Interval> interval, OptionalDouble p,
                        OptionalDouble adjustedP, OptionalDouble mde, Verdict verdict, String scale, List<String> notes) {

    public ClaimTest {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(scale, "scale");
        notes = List.copyOf(notes);
    }

    /** The network, {@code dataset/model}. */
    public String network() {
        return dataset + "/" + model;
    }
}
