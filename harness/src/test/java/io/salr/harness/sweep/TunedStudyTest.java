package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.optimizers.spec.Method;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The tuning protocol: tune on a validation hold-out, then test the chosen setting per method. */
@Tag("slow")
public class TunedStudyTest {

    public static final String STUDY = """
            study: tuned
            models: [mlp]
            methods: [sgd, sgd-salr]
            seeds: [1, 2]
            budget: {epochs: 2, of: sgd}
            data: {train_subset: 300, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            tuning:
              validation: {examples: 60, seed: 77}
              seeds: [9]
              budget: {epochs: 1, of: sgd}
              grid:
                sgd: {lr: [0.0001, 0.3]}
                sgd-salr: {lr: [0.0001, 0.3], gamma: [0.01]}
            """;

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        SyntheticFashionMnistAccess.write(data, 600, 200, 5);
    }

    @Test
    void tunesOnTheHoldOutThenTestsTheChosenSettings(@TempDir Path root) throws IOException {
        TunedStudy study = TunedStudy.parse(STUDY);
        StringWriter log = new StringWriter();
        SweepRunner.Outcome o = study.run(root, SweepRunner.Options.inProcess(new PrintWriter(log))
                .withDataDir(Optional.of(data)), new PrintWriter(log));
        assertTrue(o.ok(), log.toString());
        // the outcome is the test stage's, and names that stage's study, not the tuning stage's
        assertEquals(study.tuningSpec().study().replace("-tuning", ""), o.study());
        assertTrue(study.tuningSpec().study().endsWith("-tuning"), study.tuningSpec().study());

        // the tuning runs trained without the hold-out and were evaluated on it, never on the test set
        SweepPlan tuningPlan = study.tuningSpec().plan();
        assertEquals(2 + 2, tuningPlan.runs().size());
        for (SweepPlan.PlannedRun r : tuningPlan.runs()) {
            assertTrue(r.spec().data().validates());
            assertEquals(60, r.spec().data().validationExamples());
            assertEquals(List.of(9L), List.of(r.spec().seed()));
        }
        String csv = Files.readString(root.resolve("tuning.csv"));
        assertTrue(csv.startsWith("method,setting,mean_validation_accuracy,seeds,failed,grad_calls,paper_calls,wall_seconds,lr_at_edge,chosen"), csv);
        assertEquals(2, csv.lines().filter(l -> l.endsWith(",yes")).count(), csv);
        // a learning rate of 1e-4 for one epoch cannot beat 0.3 on this easy task
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("sgd,lr=0.3,") && l.endsWith(",yes")), csv);

        // the test stage: the chosen settings on the full training set and the test set, over the study's seeds
        Store.Opened main = Store.open(root);
        assertEquals(2 * 2, main.plan().runs().size());
        java.util.Map<String, String> chosenLr = new java.util.HashMap<>();
        csv.lines().filter(l -> l.endsWith(",yes"))
                .forEach(l -> chosenLr.put(l.split(",")[0], l.split(",")[1].split(" ")[0].substring("lr=".length())));
        for (SweepPlan.PlannedRun r : main.plan().runs()) {
            assertFalse(r.spec().data().validates());
            assertEquals(Double.parseDouble(chosenLr.get(r.spec().methodName())), r.spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain(),
                    r.spec().methodName() + " runs with its chosen learning rate");
            RunResult result = main.store().result(r.id()).orElseThrow();
            assertEquals(RunStatus.COMPLETED, result.status());
        }
        assertTrue(Files.readString(root.resolve("study.yaml")).contains("tuning:"));
        assertTrue(log.toString().contains("chosen for sgd-salr"), log.toString());
        // the cost in the study's currency beside the metered passes, and a two-rate grid's choice is at its edge
        assertTrue(log.toString().lines().filter(l -> l.contains("chosen for")).allMatch(l -> l.contains(" paper calls, ")
                && l.contains(" metered passes)") && l.endsWith("; its rate is at the edge of the grid")), log.toString());
        // every other command reads the store as an ordinary one
        assertEquals(2 * 2, Export.of(main.store(), main.plan()).exportedRuns());
    }

    @Test
    void aTunedStudyHasOneDatasetAndOneModelAndATuningGridOfItsMethods() {
        assertEquals("datasets/models", assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(STUDY.replace("models: [mlp]", "models: [mlp, lenet]"))).parameter());
        assertEquals("tuning.grid.adam", assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(STUDY.replace("sgd: {lr: [0.0001, 0.3]}", "adam: {lr: [0.001]}"))).parameter());
        assertEquals("tuning.budget", assertThrows(InvalidParameterException.class,
                () -> TunedStudy.parse(STUDY.replace("  budget: {epochs: 1, of: sgd}\n", ""))).parameter());
        assertTrue(TunedStudy.isTuned(STUDY));
        assertFalse(TunedStudy.isTuned(STUDY.substring(0, STUDY.indexOf("tuning:"))));
        assertEquals(List.of(io.salr.optimizers.spec.Param.LR, io.salr.optimizers.spec.Param.GAMMA),
                TunedStudy.parse(STUDY).tunedParameters(Method.SGD_SALR));
    }
}
