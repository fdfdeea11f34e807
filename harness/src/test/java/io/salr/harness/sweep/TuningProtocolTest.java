package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.optimizers.spec.Method;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuning protocol a referee accepts: disjoint seeds, failures ranked last, the gaps it lists. */
class TuningProtocolTest {

    static final String STUDY = """
            study: referee
            models: [mlp]
            methods: [sgd, sgd-salr]
            seeds: [0, 1, 2]
            budget: {epochs: 2, of: sgd, currency: paper}
            data: {train_subset: 300, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            tuning:
              validation: {examples: 60, seed: 77}
              seeds: [100, 101, 102]
              budget: {epochs: 2, of: sgd, currency: paper}
              grid:
                sgd: {lr: [0.0125, 0.025, 0.05, 0.1], momentum: [0.0, 0.9]}
                sgd-salr: {lr: [0.0125, 0.025, 0.05, 0.1], gamma: [0.005, 0.02]}
            """;

    @Test
    void controlsRunInTheTestStageOnly() {
        TunedStudy study = TunedStudy.parse(STUDY.replace("tuning:", "controls:\n  - {method: sgd, iterations_of: sgd-salr}\ntuning:"));
        assertTrue(study.tuningSpec().plan().runs().stream().allMatch(r -> r.horizon().isEmpty()));
        assertEquals(3, SweepSpec.parse(study.finalYaml(Map.of())).plan().runs().stream().filter(r -> r.horizon().isPresent()).count());
    }

    @Test
    void tuningSeedsMustBeDisjointFromTheFinalSeeds() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(STUDY.replace("seeds: [100, 101, 102]", "seeds: [2, 101, 102]")));
        assertEquals("tuning.seeds", e.parameter());
        assertTrue(e.getMessage().contains("disjoint"), e.getMessage());
    }

    @Test
    void aRefereeProtocolHasNoGapsAndEachGapIsNamed() {
        assertEquals(List.of(), TunedStudy.parse(STUDY).protocolGaps());
        List<String> gaps = TunedStudy.parse(STUDY.replace("seeds: [100, 101, 102]", "seeds: [100]")
                .replace("  budget: {epochs: 2, of: sgd, currency: paper}\n  grid", "  budget: {epochs: 1, of: sgd, currency: paper}\n  grid")
                .replace("sgd: {lr: [0.0125, 0.025, 0.05, 0.1], momentum", "sgd: {lr: [0.025, 0.05, 0.1], momentum")
                .replace("lr: [0.0125, 0.025, 0.05, 0.1], gamma", "lr: [0.0125, 0.025, 0.05, 0.2], gamma")).protocolGaps();
        assertEquals(5, gaps.size(), gaps.toString());
        assertTrue(gaps.get(0).startsWith("tuning.seeds"), gaps.toString());
        assertTrue(gaps.get(1).startsWith("tuning.budget"), gaps.toString());
        assertTrue(gaps.get(2).startsWith("tuning.grid.sgd.lr"), gaps.toString());
        assertTrue(gaps.get(3).startsWith("tuning.grid.sgd-salr.lr"), gaps.toString());
        assertTrue(gaps.get(4).startsWith("tuning.grid: the methods' tuning budgets differ"), gaps.toString());
        assertTrue(TunedStudy.logSpaced(List.of(0.1, 0.025, 0.05, 0.0125)));
        assertFalse(TunedStudy.logSpaced(List.of(0.01, 0.02, 0.03, 0.04)));
    }

    private static void record(Store store, SweepPlan.PlannedRun r, RunStatus status, double accuracy) {
        RunFolder f = store.folder(r.id());
        f.claim(r.spec());
        Map<io.salr.analysis.metric.Metric, Double> metrics = status == RunStatus.COMPLETED
                ? Map.of(io.salr.analysis.metric.Metric.TEST_ACCURACY, accuracy, io.salr.analysis.metric.Metric.GRAD_CALLS, 10.0,
                        io.salr.analysis.metric.Metric.PAPER_CALLS, 10.0, io.salr.analysis.metric.Metric.WALL_SECONDS, 1.0)
                : Map.of(io.salr.analysis.metric.Metric.GRAD_CALLS, 4.0, io.salr.analysis.metric.Metric.PAPER_CALLS, 4.0,
                        io.salr.analysis.metric.Metric.WALL_SECONDS, 0.5);
        RunFolder.writeJson(f.result(), new RunResult(r.id(), status, Optional.empty(), Optional.empty(),
                status == RunStatus.DIVERGED ? OptionalLong.of(3) : OptionalLong.empty(), metrics, Map.of()).toMap());
    }

    /**
     * SGD at lr 0.1 reaches 0.99 on two tuning seeds and diverges on the third (mean 0.66 counting the failure as
     * 0); at 0.05 every seed finishes at 0.6. A mean would choose 0.1; the protocol chooses 0.05. SGD-SALR diverges
     * somewhere in every setting: the best mean among them wins.
     */
    @Test
    void aSettingWithADivergedSeedRanksBelowEveryFinishedSetting(@TempDir Path root) {
        TunedStudy study = TunedStudy.parse(STUDY);
        SweepPlan plan = study.tuningSpec().plan();
        Store store = new Store(root);
        store.prepare(plan, study.tuningYaml());
        for (SweepPlan.PlannedRun r : plan.runs()) {
            double lr = ((Number) r.spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain()).doubleValue();
            boolean salr = r.spec().methodName().equals("sgd-salr");
            boolean lastSeed = r.spec().seed() == 102;
            if (salr) {
                record(store, r, lastSeed ? RunStatus.DIVERGED : RunStatus.COMPLETED, lr == 0.025 ? 0.8 : 0.5);
            } else if (lr == 0.1) {
                record(store, r, lastSeed ? RunStatus.DIVERGED : RunStatus.COMPLETED, 0.99);
            } else {
                record(store, r, RunStatus.COMPLETED, lr == 0.05 ? 0.6 : 0.3);
            }
        }
        TunedStudy.Tuned t = study.choose(store, plan);
        assertEquals(0.05, t.chosen().get(Method.SGD).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
        assertTrue(t.chosen().get(Method.SGD).finished());
        assertEquals(0.025, t.chosen().get(Method.SGD_SALR).parameters().get(io.salr.optimizers.spec.Param.LR).plain());
        assertFalse(t.chosen().get(Method.SGD_SALR).finished());
        assertFalse(t.chosenAtEdge(Method.SGD));
        String csv = TunedStudy.tuningCsv(t);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd,lr=0.05 momentum=0.0,0.6,3,0,30,30,3.0,no,yes")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd,lr=0.1 momentum=0.0,0.66,3,1,24,24,2.5,,no")), csv);
    }
}
