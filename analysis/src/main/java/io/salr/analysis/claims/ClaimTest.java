package io.salr.analysis.claims;

import io.salr.analysis.metric.Metric;
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
 * @param p           the test's one-sided p-value before adjustment (the rank test, failed runs ranked worst)
 * @param adjustedP   Holm-adjusted over the family (the claims' p-values and their opposites' in one family)
 * @param mde         the improvement the test detects with 80% power at its Holm step's alpha, in the metric's units
 * @param verdict     after adjustment (and, for fewer-epochs, after checking the ratio of iterations)
 * @param scale       the evidence's scale: budget, iterations, seeds
 * @param notes       what the reader must know
 * @param adjustedReverseP the opposite claim's p-value, Holm-adjusted in the same family
 * @param decidingP   the adjusted p-value the verdict rests on: {@code adjustedP} when supported or inconclusive,
 *                    {@code adjustedReverseP} when contradicted; empty when not tested
 * @param failureP    Fisher's exact one-sided p that the method fails more often than the baseline
 * @param costs       what each side spent per run, as measured (means over its finished runs)
 */
public record ClaimTest(String claimId, String dataset, String model, String method, String against, String metric,
                        TestKind test, double margin, double alpha, String family, int familySize, int n, int nAgainst,
                        int failed, int failedAgainst, OptionalDouble mean, OptionalDouble meanAgainst,
                        OptionalDouble improvement, Optional<Interval> interval, OptionalDouble p,
                        OptionalDouble adjustedP, OptionalDouble mde, Verdict verdict, String scale, List<String> notes,
                        OptionalDouble adjustedReverseP, OptionalDouble decidingP, OptionalDouble failureP,
                        List<Cost> costs) {

    /** Cost metrics a claims table shows beside the verdicts, in order. */
    public static final List<String> COST_METRICS = java.util.stream.Stream.of(Metric.GRAD_CALLS, Metric.PAPER_CALLS, Metric.FORWARD_CALLS,
            Metric.ITERATIONS, Metric.WALL_SECONDS).map(Metric::id).toList();

    /**
     * One measured cost per run.
     *
     * @param metric  e.g. {@code forward_calls}
     * @param method  the method's mean per finished run
     * @param against the baseline's
     */
    public record Cost(String metric, OptionalDouble method, OptionalDouble against) {
        public Cost {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(against, "against");
        }
    }

    public ClaimTest {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(scale, "scale");
        notes = List.copyOf(notes);
        Objects.requireNonNull(decidingP, "decidingP");
        costs = List.copyOf(costs);
    }

    /** Every run of the method, finished or failed. */
    public int runs() {
        return n + failed;
    }

    /** Every run of the baseline. */
    public int runsAgainst() {
        return nAgainst + failedAgainst;
    }

    /** The network, {@code dataset/model}. */
    public String network() {
        return dataset + "/" + model;
    }
}
