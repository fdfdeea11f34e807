package io.salr.harness.run;

import io.salr.analysis.metric.Metric;
import io.salr.datasets.real.ExampleSet;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.measures.FinalMeasures;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.optimizers.sharpness.SharpnessConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * The end of a run that trained to its budget: loss and accuracy on the training and test sets
 * (inference mode), the final sharpness and Hessian measures on a float64 copy, and the decision whether
 * the run {@link RunStatus#COLLAPSED}: its final test accuracy is at chance level (within three binomial
 * standard deviations of the majority-class rate of the test set) although an epoch end had been above
 * it or its final test loss exceeds the outcome rule's blow-up factor times the starting loss (a run that blew
 * up within its first epoch, too late for the divergence rule's patience), or its final measures are exactly
 * zero (a constant network). A text model is also collapsed when its test perplexity exceeds the blow-up
 * factor times its vocabulary's size (far worse than a uniform guess, {@link SequenceMetrics#worseThanUniformGuess}).
 */
final class FinalEvaluation {

    /** What the end of a run found. */
    record Outcome(RunStatus status, Optional<String> cause, Map<Metric, Double> metrics, Map<String, Object> details) {
    }

    private final RunSpec spec;
    private final Trainer.Setup s;
    private final TrainableModel net;
    private final GradientMeter evaluationMeter;

    FinalEvaluation(RunSpec spec, Trainer.Setup s, TrainableModel net, GradientMeter evaluationMeter) {
        this.spec = spec;
        this.s = s;
        this.net = net;
        this.evaluationMeter = evaluationMeter;
    }

    static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    static Evaluation.LossAccuracy evaluate(TrainableModel net, ExampleSet set, GradientMeter meter) {
        return evaluate(net, set, set.size(), meter);
    }

    /** Loss and accuracy on the first {@code examples} examples of {@code set} (all of them when it has fewer). */
    static Evaluation.LossAccuracy evaluate(TrainableModel net, ExampleSet set, int examples, GradientMeter meter) {
        int n = Math.min(set.size(), examples);
        return Evaluation.lossAndAccuracy(net, n,
                start -> net.batch(set.batch(range(start, Math.min(n, start + Trainer.EVAL_CHUNK)))),
                Trainer.EVAL_CHUNK, meter);
    }

    /**
     * The final metrics and the outcome.
     *
     * @param bestTestAccuracy the best end-of-epoch test accuracy of the run (NaN when none was measured)
     */
    Outcome measure(double bestTestAccuracy) {
        return measure(bestTestAccuracy, Double.NaN);
    }

    /**
     * The final metrics and the outcome.
     *
     * @param bestTestAccuracy the best end-of-epoch test accuracy of the run (NaN when none was measured)
     * @param startingLoss the mean training loss of the run's first iterations ({@link OutcomeMonitor#startingLoss()};
     *     NaN when the run was too short to have one)
     */
    Outcome measure(double bestTestAccuracy, double startingLoss) {
        Map<Metric, Double> metrics = new LinkedHashMap<>();
        Evaluation.LossAccuracy train = evaluate(net, s.train(), evaluationMeter);
        Evaluation.LossAccuracy test = evaluate(net, s.test(), evaluationMeter);
        metrics.put(Metric.TEST_ACCURACY, test.accuracy());
        metrics.put(Metric.TEST_LOSS, test.loss());
        metrics.put(Metric.TRAIN_ACCURACY, train.accuracy());
        metrics.put(Metric.TRAIN_LOSS, train.loss());
        Optional<Double> perplexity = SequenceMetrics.perplexity(s.test(), test.loss());
        perplexity.ifPresent(p -> metrics.put(Metric.PERPLEXITY, p));
        finalMeasures(metrics);
        double chance = TrainingSession.chance(s.test());
        double tolerance = 3 * Math.sqrt(chance * (1 - chance) / s.test().size());
        Map<String, Object> details = new LinkedHashMap<>();
        boolean atChance = test.accuracy() <= chance + tolerance;
        boolean wasAbove = !Double.isNaN(bestTestAccuracy) && bestTestAccuracy > chance + tolerance;
        boolean constant = metrics.containsKey(Metric.FINAL_SHARPNESS) && metrics.get(Metric.FINAL_SHARPNESS) == 0.0
                && metrics.getOrDefault(Metric.HESSIAN_TOP_ABS_EIGENVALUE, 0.0) == 0.0;
        // a run that blew up before its first epoch end never was above chance: its test loss far above the
        // loss it started from (by the outcome rule's blow-up factor) says it was wrecked, not merely untrained
        boolean blownUp = Double.isFinite(startingLoss) && startingLoss > 0
                && test.loss() > spec.outcome().blowupFactor() * startingLoss;
        boolean worseThanGuessing = perplexity.isPresent()
                && SequenceMetrics.worseThanUniformGuess(s.test(), perplexity.get(), spec.outcome().blowupFactor());
        if ((atChance && (wasAbove || blownUp)) || constant || worseThanGuessing) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("chance_level", chance);
            evidence.put("tolerance", tolerance);
            evidence.put("final_test_accuracy", test.accuracy());
            evidence.put("best_epoch_test_accuracy", bestTestAccuracy);
            evidence.put("final_test_loss", test.loss());
            evidence.put("starting_loss", startingLoss);
            evidence.put("constant_network", constant);
            perplexity.ifPresent(p -> {
                evidence.put("final_test_perplexity", p);
                evidence.put("vocabulary_size", s.test().numClasses());
            });
            details.put("evidence", evidence);
            String cause = constant ? "the final network is constant (sharpness and Hessian exactly 0)"
                    : worseThanGuessing && !(atChance && (wasAbove || blownUp)) ? String.format(java.util.Locale.ROOT,
                            "test perplexity %.4g is more than %.4g times the vocabulary's size %d (a uniform guess's"
                            + " perplexity): the run blew up", perplexity.get(), spec.outcome().blowupFactor(),
                            s.test().numClasses())
                    : !wasAbove ? String.format(java.util.Locale.ROOT, "test accuracy %.4f is at chance level %.4f (+- %.4f)"
                            + " with test loss %.4g, more than %.4g times the starting loss %.4g: the run blew up",
                            test.accuracy(), chance, tolerance, test.loss(), spec.outcome().blowupFactor(), startingLoss)
                    : String.format(java.util.Locale.ROOT, "test accuracy %.4f is at chance level %.4f (+- %.4f) after"
                            + " reaching %.4f at an epoch end", test.accuracy(), chance, tolerance, bestTestAccuracy);
            return new Outcome(RunStatus.COLLAPSED, Optional.of(cause), metrics, details);
        }
        return new Outcome(RunStatus.COMPLETED, Optional.empty(), metrics, details);
    }

    private void finalMeasures(Map<Metric, Double> metrics) {
        EvaluationSpec e = spec.evaluation();
        if (e.sharpnessExamples() == 0 && e.hessianIterations() == 0) {
            return;
        }
        int n = Math.min(s.train().size(), Math.max(1, e.sharpnessExamples()));
        GradientMeter m = new GradientMeter();
        TrainableModel copy = net.measurementCopy(m);
        Batch fixed = copy.batch(s.train().batch(range(0, n)));
        RestorableUniformRandomProvider rng = RandomStreams.named(spec.seed(), "final-measures");
        if (e.sharpnessExamples() > 0) {
            metrics.put(Metric.FINAL_SHARPNESS, FinalMeasures.sharpness(copy, fixed, new SharpnessConfig(e.gamma(), e.n1(), e.n2()), rng));
        }
        if (e.hessianIterations() > 0) {
            FinalMeasures.HessianEigenvalues h = FinalMeasures.hessianEigenvalues(copy, fixed, e.hessianIterations(), rng);
            metrics.put(Metric.HESSIAN_MAX_EIGENVALUE, h.max());
            metrics.put(Metric.HESSIAN_TOP_ABS_EIGENVALUE, Math.abs(h.dominant()));
            metrics.put(Metric.HESSIAN_POWER_ITERATIONS, (double) h.iterations());
            metrics.put(Metric.HESSIAN_CONVERGED, h.converged() ? 1.0 : 0.0);
        }
    }
}
