package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.optimizers.spec.Method;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tuning.metric: the tuning stage ranks settings by a stated metric in its direction. */
class TuningMetricTest {

    /** A character-LSTM study on the Jargon File, tuned by perplexity (the runs are recorded by hand, not run). */
    static final String TEXT = """
            study: text-metric
            datasets: ['text:/usr/share/doc/jargon-text/jargon.txt.gz']
            models: [char-lstm]
            engines: [torch]
            methods: [sgd, sgd-salr]
            seeds: [0, 1, 2]
            budget: {epochs: 2, of: sgd, currency: paper}
            data: {train_subset: 300, test_subset: 0}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            tuning:
              validation: {examples: 60, seed: 77}
              seeds: [100, 101, 102]
              budget: {epochs: 2, of: sgd, currency: paper}
              metric: perplexity
              grid:
                sgd: {lr: [0.25, 0.5, 1.0, 2.0]}
                sgd-salr: {lr: [0.25, 0.5, 1.0, 2.0]}
            """;

    private static void record(Store store, SweepPlan.PlannedRun r, RunStatus status, Map<String, Double> values) {
        RunFolder f = store.folder(r.id());
        f.claim(r.spec());
        Map<String, Double> metrics = new LinkedHashMap<>(Map.of("grad_calls", 10.0, "paper_calls", 10.0, "wall_seconds", 1.0));
        if (status == RunStatus.COMPLETED) {
            metrics.putAll(values);
        }
        Map<io.salr.analysis.metric.Metric, Double> typed = new LinkedHashMap<>();
        metrics.forEach((k, v) -> typed.put(io.salr.analysis.metric.Metric.byId(k).orElseThrow(), v));
        RunFolder.writeJson(f.result(), new RunResult(r.id(), status, Optional.empty(), Optional.empty(),
                status == RunStatus.DIVERGED ? OptionalLong.of(3) : OptionalLong.empty(), typed, Map.of()).toMap());
    }

    private static double lr(SweepPlan.PlannedRun r) {
        return ((Number) r.spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain()).doubleValue();
    }

    /**
     * Records every tuning run of {@code study} in a fresh store and chooses: {@code diverges} says which runs
     * diverged, {@code value} the perplexity and accuracy of the others.
     */
    private static TunedStudy.Tuned choose(TunedStudy study, Path root, java.util.function.Predicate<SweepPlan.PlannedRun> diverges,
            ToDoubleFunction<SweepPlan.PlannedRun> perplexity, ToDoubleFunction<SweepPlan.PlannedRun> accuracy) {
        SweepPlan plan = study.tuningSpec().plan();
        Store store = new Store(root);
        store.prepare(plan, study.tuningYaml());
        for (SweepPlan.PlannedRun r : plan.runs()) {
            record(store, r, diverges.test(r) ? RunStatus.DIVERGED : RunStatus.COMPLETED, Map.of("perplexity",
                    perplexity.applyAsDouble(r), "test_loss", Math.log(perplexity.applyAsDouble(r)), "test_accuracy",
                    accuracy.applyAsDouble(r)));
        }
        return study.choose(store, plan);
    }

    /**
     * SGD: perplexity falls with the rate up to 1.0 (4.0 there) and rises after it; accuracy is highest at 0.25.
     * Tuned by perplexity the study chooses 1.0 - where accuracy would choose 0.25. SGD-SALR: 2.0 has the lowest
     * perplexity on two seeds and diverges on the third, so the best finished setting, 0.5, is chosen.
     */
    @Test
    void aLowerIsBetterMetricChoosesTheLowestMeanAndAFailedSeedStillRanksLast(@TempDir Path root) {
        TunedStudy study = TunedStudy.parse(TEXT);
        assertEquals(Metric.PERPLEXITY, study.metric());
        Map<Double, Double> sgdPerplexity = Map.of(0.25, 9.0, 0.5, 6.0, 1.0, 4.0, 2.0, 5.0);
        Map<Double, Double> salrPerplexity = Map.of(0.25, 8.0, 0.5, 5.0, 1.0, 7.0, 2.0, 3.0);
        TunedStudy.Tuned t = choose(study, root,
                r -> r.spec().methodName().equals("sgd-salr") && lr(r) == 2.0 && r.spec().seed() == 102,
                r -> (r.spec().methodName().equals("sgd") ? sgdPerplexity : salrPerplexity).get(lr(r)) + 0.01 * r.spec().seed(),
                r -> lr(r) == 0.25 ? 0.9 : 0.5);
        assertEquals(1.0, t.chosen().get(Method.SGD).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
        assertEquals(0.5, t.chosen().get(Method.SGD_SALR).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
        assertTrue(t.chosen().get(Method.SGD_SALR).finished());
        assertEquals(4.0 + 1.01, t.chosen().get(Method.SGD).meanValue(), 1e-12, "the mean over the 3 seeds 100..102");
        String csv = TunedStudy.tuningCsv(t);
        assertTrue(csv.startsWith("method,setting,mean_validation_perplexity,seeds,failed,"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd,lr=1.0,5.01,3,0,") && l.endsWith(",no,yes")), csv);
        // the diverged setting's mean is over its two finished seeds, and it is not chosen though lowest
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd-salr,lr=2.0,4.005,3,1,") && l.endsWith(",no")), csv);

        // the same runs ranked by accuracy, the default, choose 0.25 for SGD: the metric decides
        TunedStudy byAccuracy = TunedStudy.parse(TEXT.replace("  metric: perplexity\n", ""));
        assertEquals(Metric.TEST_ACCURACY, byAccuracy.metric());
        assertEquals(0.25, choose(byAccuracy, root.resolve("acc"), r -> false, r -> 4.0, r -> lr(r) == 0.25 ? 0.9 : 0.5)
                .chosen().get(Method.SGD).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
    }

    /**
     * A setting that blew up to a finite perplexity of 1e79 is written with 6 significant digits in scientific
     * notation, like every other CSV number, not as an 80-digit decimal.
     */
    @Test
    void aHugeMeanIsWrittenInScientificNotation(@TempDir Path root) {
        TunedStudy study = TunedStudy.parse(TEXT);
        TunedStudy.Tuned t = choose(study, root, r -> false,
                r -> r.spec().methodName().equals("sgd-salr") && lr(r) == 2.0 ? 1.2073044574976875e79 : 4.0, r -> 0.5);
        String csv = TunedStudy.tuningCsv(t);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd-salr,lr=2.0,1.2073E79,3,0,")), csv);
        assertTrue(csv.lines().allMatch(l -> l.length() < 120), csv);
    }

    /** Equal means keep grid order; among settings that all failed somewhere, fewer failures rank first. */
    @Test
    void tiesKeepGridOrderAndFewerFailuresRankFirstAmongUnfinishedSettings(@TempDir Path root) {
        TunedStudy study = TunedStudy.parse(TEXT);
        TunedStudy.Tuned t = choose(study, root,
                // SGD-SALR: every setting fails on seed 100; 0.25 and 0.5 fail on 101 as well
                r -> r.spec().methodName().equals("sgd-salr") && (r.spec().seed() == 100 || r.spec().seed() == 101 && lr(r) < 1.0),
                r -> r.spec().methodName().equals("sgd") ? 4.0 : lr(r) < 1.0 ? 2.0 : lr(r) == 1.0 ? 6.0 : 5.0,
                r -> 0.5);
        assertEquals(0.25, t.chosen().get(Method.SGD).parameters().get(io.salr.optimizers.spec.Param.LR).plain(), "equal means: the first in grid order");
        assertFalse(t.chosen().get(Method.SGD_SALR).finished());
        assertEquals(2.0, t.chosen().get(Method.SGD_SALR).parameters().get(io.salr.optimizers.spec.Param.LR).plain(),
                "one failure each at 1.0 and 2.0 beats two at 0.25 and 0.5; then the lower mean");
    }

    /** Test loss is lower-is-better too, and an image study may rank by it; the value column names it. */
    @Test
    void anImageStudyMayRankByItsTestLoss(@TempDir Path root) {
        TunedStudy study = TunedStudy.parse(TuningProtocolTest.STUDY.replace("  grid:", "  metric: test_loss\n  grid:"));
        assertEquals(Metric.TEST_LOSS, study.metric());
        TunedStudy.Tuned t = choose(study, root, r -> false, r -> Math.exp(Math.abs(Math.log(lr(r) / 0.05))) + 1, r -> lr(r));
        assertEquals(0.05, t.chosen().get(Method.SGD).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
        assertTrue(TunedStudy.tuningCsv(t).startsWith("method,setting,mean_validation_loss,"));
    }

    @Test
    void badMetricsAreRefusedNamingTheFieldAndTheValue() {
        for (String bad : List.of("accuracy", "grad_calls", "wall_seconds", "iterations", "diverged", "collapsed",
                "final_sharpness", "hessian_max_eigenvalue", "[perplexity]", "3")) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> TunedStudy.parse(TEXT.replace("metric: perplexity", "metric: " + bad)), bad);
            assertEquals("tuning.metric", e.parameter(), bad);
            assertTrue(e.getMessage().contains(bad.replace("[", "").replace("]", "")), e.getMessage());
        }
        InvalidParameterException cost = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(TEXT.replace("metric: perplexity", "metric: grad_calls")));
        assertTrue(cost.getMessage().contains("a cost"), cost.getMessage());
        InvalidParameterException flag = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(TEXT.replace("metric: perplexity", "metric: diverged")));
        assertTrue(flag.getMessage().contains("flag"), flag.getMessage());
        // an image data set has no perplexity
        InvalidParameterException image = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(TuningProtocolTest.STUDY.replace("  grid:", "  metric: perplexity\n  grid:")));
        assertEquals("tuning.metric", image.parameter());
        assertEquals("perplexity", image.value());
    }

    /** A text tuned by accuracy, stated or by default, is a gap; by perplexity or its logarithm it is not. */
    @Test
    void aTextTunedByAccuracyIsAProtocolGap() {
        assertEquals(List.of(), TunedStudy.parse(TEXT).protocolGaps());
        assertEquals(List.of(), TunedStudy.parse(TEXT.replace("metric: perplexity", "metric: test_loss")).protocolGaps());
        for (String text : List.of(TEXT.replace("  metric: perplexity\n", ""), TEXT.replace("metric: perplexity", "metric: test_accuracy"))) {
            List<String> gaps = TunedStudy.parse(text).protocolGaps();
            assertEquals(1, gaps.size(), gaps.toString());
            assertTrue(gaps.get(0).startsWith("tuning.metric") && gaps.get(0).contains("test_accuracy")
                    && gaps.get(0).contains("perplexity"), gaps.toString());
        }
        // an image study tuned by accuracy has no such gap
        assertEquals(List.of(), TunedStudy.parse(TuningProtocolTest.STUDY).protocolGaps());
    }
}
