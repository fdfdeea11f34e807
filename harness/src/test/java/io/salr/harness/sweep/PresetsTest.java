package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void theShippedPresetsParseAndPlan() throws Exception {
        assertTrue(Presets.names().containsAll(List.of("ci", "gamma", "paper-cifar10", "quick")), Presets.names().toString());
        for (String name : Presets.names()) {
            String text = Files.readString(Presets.file(name));
            SweepPlan plan = TunedStudy.isTuned(text) ? TunedStudy.parse(text).tuningSpec().plan() : SweepSpec.parse(text).plan();
            assertTrue(plan.runs().size() > 0, name);
        }
        SweepPlan quick = SweepSpec.parse(Files.readString(Presets.file("quick"))).plan();
        assertEquals(21, quick.runs().size());
        assertEquals(Set.of(quick.budgets().get("fashion-mnist")),
                Set.copyOf(quick.runs().stream().map(r -> r.spec().budget().gradientCalls()).toList()), "budget-matched");
        SweepPlan gamma = SweepSpec.parse(Files.readString(Presets.file("gamma"))).plan();
        assertEquals(List.of(0.0005, 0.001, 0.005, 0.01, 0.02), gamma.runs().stream()
                .filter(r -> r.spec().methodName().equals("sgd-salr"))
                .map(r -> r.spec().method().values().get(io.salr.optimizers.spec.Param.GAMMA).plain()).distinct().toList());
        assertEquals(3, gamma.runs().stream().filter(r -> r.spec().methodName().equals("sgd")).count(), "the sgd reference, 3 seeds");
        SweepPlan paper = SweepSpec.parse(Files.readString(Presets.file("paper-cifar10"))).plan();
        paper.runs().stream().filter(r -> r.spec().method().method().salr()).forEach(r -> {
            assertEquals(5, r.spec().method().values().get(io.salr.optimizers.spec.Param.N1).plain());
            assertEquals(5, r.spec().method().values().get(io.salr.optimizers.spec.Param.N2).plain());
            assertEquals(2, r.spec().method().values().get(io.salr.optimizers.spec.Param.C).plain());
        });
        assertThrows(InvalidParameterException.class, () -> Presets.file("../pom"));
        assertThrows(InvalidParameterException.class, () -> Presets.file("nope"));
    }

    /** The demo is a small claims check in which SGD-SALR still takes a few hundred iterations (issue 16). */
    @Test
    void theDemoGivesSalrAFewHundredIterations() throws Exception {
        SweepPlan demo = SweepSpec.parse(Files.readString(Presets.file("demo"))).plan();
        long salr = demo.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr"))
                .mapToLong(SweepPlan.PlannedRun::iterations).min().orElseThrow();
        assertTrue(salr >= 300, "SGD-SALR iterations " + salr);
        assertEquals(Set.of(demo.budgets().get("fashion-mnist")),
                Set.copyOf(demo.runs().stream().map(r -> r.spec().budget().gradientCalls()).toList()), "budget-matched");
    }

    /** The MLP reproduction: Table I's twelve methods, 10 seeds, SGD at least 10 epochs of the full training set, tuned first. */
    @Test
    void thePaperMlpPresetIsTunedAndFullSize() throws Exception {
        String text = Files.readString(Presets.file("paper-fmnist-mlp"));
        assertTrue(TunedStudy.isTuned(text));
        TunedStudy study = TunedStudy.parse(text);
        SweepPlan tuning = study.tuningSpec().plan();
        assertEquals(12, tuning.runs().stream().map(r -> r.spec().methodName()).distinct().count());
        assertTrue(tuning.runs().stream().allMatch(r -> r.spec().seed() == 1000), "tuning seeds apart from the final ones");
        SweepSpec finalSpec = SweepSpec.parse(study.finalYaml(java.util.Map.of()));
        SweepPlan plan = finalSpec.plan();
        assertEquals(120, plan.runs().size(), "12 methods x 10 seeds");
        long sgdIterations = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd"))
                .mapToLong(SweepPlan.PlannedRun::iterations).min().orElseThrow();
        assertTrue(sgdIterations >= 10 * 469, "SGD iterations " + sgdIterations + " (10 epochs of 60,000 at batch 128)");
    }

    /** LeNet: the MLP's protocol at 5 SGD epochs of the full set; All-CNN-C: BatchNorm, so SALR's direction is batch-normalized. */
    @Test
    void theConvolutionalPaperPresetsAreTunedAndSayTheirDepartures() throws Exception {
        TunedStudy lenet = TunedStudy.parse(Files.readString(Presets.file("paper-fmnist-lenet")));
        SweepPlan lenetPlan = SweepSpec.parse(lenet.finalYaml(java.util.Map.of())).plan();
        assertEquals(120, lenetPlan.runs().size(), "12 methods x 10 seeds");
        assertTrue(lenetPlan.runs().stream().allMatch(r -> r.spec().model().architecture().equals("lenet")));
        long sgd = lenetPlan.runs().stream().filter(r -> r.spec().methodName().equals("sgd"))
                .mapToLong(SweepPlan.PlannedRun::iterations).min().orElseThrow();
        assertEquals(5 * 469, sgd, "5 epochs of 60,000 at batch 128");

        String text = Files.readString(Presets.file("paper-fmnist-allcnn"));
        TunedStudy allcnn = TunedStudy.parse(text);
        SweepPlan allcnnPlan = SweepSpec.parse(allcnn.finalYaml(java.util.Map.of())).plan();
        assertTrue(allcnnPlan.runs().stream().allMatch(r -> r.spec().model().batchNorm()), "All-CNN-C with BatchNorm");
        allcnnPlan.runs().stream().filter(r -> r.spec().method().method().salr())
                .forEach(r -> assertEquals("batch", String.valueOf(r.spec().method().values().get(io.salr.optimizers.spec.Param.NORMALIZATION).plain()), r.spec().methodName()));
        assertTrue(text.contains("not Algorithm 2's direction"), "the departure is stated in the preset");
    }
}
