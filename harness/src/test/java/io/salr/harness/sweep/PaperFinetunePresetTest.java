package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.spec.Method;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The paper-finetune study (Table VI at CPU scale): a pre-training stage, then every method fine-tuned from it. */
class PaperFinetunePresetTest {

    private static final long IPE = 235; // the 30,000 training images of classes 5-9 at batch 128

    private static TunedStudy study() throws Exception {
        return TunedStudy.parse(Files.readString(Presets.file("paper-finetune")));
    }

    @Test
    void thePreTrainingStageIsOneRunOnTheFirstFiveClassesThatKeepsItsWeights() throws Exception {
        SweepSpec pre = study().pretrainSpec().orElseThrow();
        SweepPlan plan = pre.plan();
        assertEquals(1, plan.runs().size());
        var run = plan.runs().get(0).spec();
        assertEquals(List.of(0, 1, 2, 3, 4), run.data().classes());
        assertTrue(run.weights().save());
        assertTrue(run.weights().initFrom().isEmpty());
        assertEquals("sgd", run.methodName());
        assertEquals(1e-5, ((Number) run.method().values().get(io.salr.optimizers.spec.Param.WEIGHT_DECAY).plain()).doubleValue());
        assertTrue(run.model().batchNorm());
    }

    @Test
    void everyLaterRunStartsFromThePreTrainingRunAtTableSixsStepRatios() throws Exception {
        TunedStudy study = study();
        String source = study.pretrainRunId().orElseThrow();
        SweepSpec fin = SweepSpec.parse(study.finalYaml(Map.of()));
        SweepPlan plan = fin.plan();
        assertEquals(List.of("sgd", "entropy-sgd", "sam", "sgd-salr"), fin.methods().stream().map(Method::cliName).toList());
        // 10 final seeds: with 5 per arm the exact rank test's smallest two-sided p (2/252) times the Holm family of
        // table-6 (5 comparisons, both directions) exceeds 0.05, so no claim could ever be decided
        assertEquals(4 * 10, plan.runs().size());
        SweepPlan tuning = study.tuningSpec().plan();
        assertEquals(4 * 11 * 3, tuning.runs().size(), "11 rates x 3 tuning seeds per method");
        for (SweepPlan p : List.of(plan, tuning)) {
            for (SweepPlan.PlannedRun r : p.runs()) {
                assertEquals(source, r.spec().weights().initFrom().orElseThrow(), r.id());
                assertEquals(List.of(5, 6, 7, 8, 9), r.spec().data().classes());
                assertEquals(1e-5, ((Number) r.spec().method().values().get(io.salr.optimizers.spec.Param.WEIGHT_DECAY).plain()).doubleValue(), r.id());
            }
        }
        Map<String, Long> it = plan.runs().stream().collect(Collectors.toMap(r -> r.spec().methodName(),
                SweepPlan.PlannedRun::iterations, Math::min));
        assertEquals(10 * IPE, it.get("sgd"));
        assertEquals(5 * IPE, it.get("sam"));
        assertEquals(2 * IPE, it.get("sgd-salr"));
        assertEquals(2 * IPE, it.get("entropy-sgd"));
        assertEquals(5.0 / 2.0, it.get("sam") / (double) it.get("sgd-salr"), 1e-12, "Table VI: SAM 5k : SGD-SALR 2k steps");
        assertEquals(0.016, ((Number) plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).findFirst()
                .orElseThrow().spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain()).doubleValue(), "eta_0 = 0.016 before tuning");
        assertEquals(List.of(), study.protocolGaps());
        assertTrue(fin.departures().size() >= 5);
        assertTrue(fin.departures().stream().anyMatch(d -> d.contains("Fashion-MNIST halves")));
        // the tuning seeds are disjoint from the final ones
        assertTrue(study.tuningSpec().seeds().stream().noneMatch(fin.seeds()::contains));
    }

    @Test
    void aPretrainSectionWithAnUnknownFieldOrTwoRunsIsRefused() throws Exception {
        String text = Files.readString(Presets.file("paper-finetune"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(text.replace("  seed: 0\n", "  seed: 0\n  colour: red\n")));
        assertTrue(e.getMessage().contains("pretrain.colour"), e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(text.replace("classes: [0, 1, 2, 3, 4]", "classes: [0, 1, 2, 3, 10]")));
        assertTrue(e.getMessage().contains("classes") && e.getMessage().contains("10"), e.getMessage());
    }
}
