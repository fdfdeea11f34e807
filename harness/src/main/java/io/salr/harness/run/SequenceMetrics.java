package io.salr.harness.run;

import io.salr.analysis.metric.Metric;
import io.salr.datasets.real.CharSequenceData;
import io.salr.datasets.real.ExampleSet;
import java.util.Optional;

/**
 * The metrics of a sequence model beyond loss and accuracy: the perplexity of Table V of the paper, the
 * exponential of the mean per-character negative log-likelihood on the test text (lower is better; a model
 * that guessed uniformly over a vocabulary of V symbols has perplexity V).
 */
public final class SequenceMetrics {

    /** The metric's name in results, exports and reports; its direction (lower is better) follows from it. */
    public static final String PERPLEXITY = Metric.PERPLEXITY.id();

    private SequenceMetrics() {
    }

    /**
     * The perplexity of a test set, when it is a text.
     *
     * @param test          the evaluated set
     * @param meanLossPerSymbol its mean cross-entropy per predicted symbol (natural logarithm), as
     *                      {@link Evaluation#lossAndAccuracy} measures it
     * @return {@code exp(meanLossPerSymbol)} for a {@link CharSequenceData}; empty for a labelled image set
     *     or a loss that is not finite (a diverged network has no perplexity)
     */
    public static Optional<Double> perplexity(ExampleSet test, double meanLossPerSymbol) {
        if (!(test instanceof CharSequenceData) || !Double.isFinite(meanLossPerSymbol)) {
            return Optional.empty();
        }
        return Optional.of(Math.exp(meanLossPerSymbol));
    }

    /**
     * Whether a text model ended far worse than knowing nothing: its test perplexity exceeds {@code factor} times
     * the vocabulary's size, which is the perplexity of a uniform guess. A network that never learnt stays near
     * the uniform guess (it starts there); one whose rate blew it up can settle at a finite loss whose perplexity
     * runs to 1e4 or 1e79 while its accuracy stays near the most frequent symbol's rate, which the chance-level
     * rule for images cannot see.
     *
     * @param test       the evaluated set
     * @param perplexity its test perplexity ({@link #perplexity})
     * @param factor     how many times worse than a uniform guess counts as blown up (the outcome rule's
     *                   blow-up factor), &gt; 1
     * @return true for a text whose perplexity is above {@code factor} times its vocabulary's size; false for
     *     an image set
     */
    public static boolean worseThanUniformGuess(ExampleSet test, double perplexity, double factor) {
        return test instanceof CharSequenceData && perplexity > factor * test.numClasses();
    }
}
