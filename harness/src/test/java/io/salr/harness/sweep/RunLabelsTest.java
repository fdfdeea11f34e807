package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A progress line names the network as built (BatchNorm and dropout included) and, of the method's parameters,
 * those that tell the sweep's runs of that method apart: a tuning grid's rate and key parameter, and nothing
 * in a stage whose runs of one method differ only by seed.
 */
class RunLabelsTest {

    private static final String SPEC = """
            study: labels
            models: [mlp-bn-dropout]
            methods: [sgd, sam]
            overrides:
              sgd: {lr: [0.05, 0.1], momentum: [0.0, 0.9]}
              sam: {lr: 0.05}
            seeds: 2
            budget: {epochs: 1, of: sgd}
            data: {train_subset: 100, test_subset: 50}
            """;

    @Test
    void aGridsVaryingParametersAndTheNetworkVariantAreNamed() {
        List<SweepPlan.PlannedRun> runs = SweepSpec.parse(SPEC).plan().runs();
        RunLabels labels = new RunLabels(runs);
        List<String> sgd = runs.stream().filter(r -> r.spec().methodName().equals("sgd")).map(labels::of).sorted().toList();
        assertEquals(8, sgd.size());
        assertEquals("mlp bn dropout 0.5 sgd lr=0.05 momentum=0.0 seed 0", sgd.get(0));
        assertEquals("mlp bn dropout 0.5 sgd lr=0.1 momentum=0.9 seed 1", sgd.get(7));
        // SAM's runs differ only by seed: its rate (and rho) are the same in every run, so they are not named
        List<String> sam = runs.stream().filter(r -> r.spec().methodName().equals("sam")).map(labels::of).sorted().toList();
        assertEquals(List.of("mlp bn dropout 0.5 sam seed 0", "mlp bn dropout 0.5 sam seed 1"), sam);
    }

    @Test
    void aPlainNetworkIsItsArchitecture() {
        List<SweepPlan.PlannedRun> runs = SweepSpec.parse(SPEC.replace("mlp-bn-dropout", "mlp")).plan().runs();
        assertEquals("mlp sam seed 0", new RunLabels(runs).of(runs.stream()
                .filter(r -> r.spec().methodName().equals("sam") && r.spec().seed() == 0).findFirst().orElseThrow()));
    }
}
