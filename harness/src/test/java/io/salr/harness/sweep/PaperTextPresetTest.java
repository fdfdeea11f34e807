package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.tidy.TidyRow;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper-text preset (Table V at CPU scale): its plan, and a short version of it end to end. */
class PaperTextPresetTest {

    private static String preset() throws Exception {
        return Files.readString(Presets.file("paper-text"));
    }

    /** Table V's methods, tuned first, every run at the gradient calls of 30 SGD epochs of 2,000 sequences. */
    @Test
    void thePresetIsTunedAndBudgetMatchedAsTableFive() throws Exception {
        String text = preset();
        assertTrue(TunedStudy.isTuned(text));
        TunedStudy study = TunedStudy.parse(text);
        SweepPlan tuning = study.tuningSpec().plan();
        assertTrue(tuning.runs().stream().allMatch(r -> r.spec().data().validates() && r.spec().seed() == 1000));
        SweepPlan plan = SweepSpec.parse(study.finalYaml(Map.of())).plan();
        assertEquals(Set.of("sgd", "swa", "sam", "entropy-sgd", "sgd-salr"),
                Set.copyOf(plan.runs().stream().map(r -> r.spec().methodName()).toList()), "Table V's methods");
        assertEquals(5 * 3, plan.runs().size(), "5 methods x 3 seeds");
        assertTrue(plan.runs().stream().allMatch(r -> r.spec().model().architecture().equals("char-lstm")
                && r.spec().data().dataset().equals("text:/usr/share/doc/jargon-text/jargon.txt.gz")));
        long b = 30L * 32; // 30 epochs of ceil(2000 / 64) iterations, one gradient call each
        assertEquals(Set.of(b), Set.copyOf(plan.runs().stream().map(r -> r.spec().budget().gradientCalls()).toList()));
        // the iterations fall as Table V's epochs do (SGD/SWA 50 : SAM 28 : Entropy-SGD and SALR 11), from the
        // methods' own costs: SAM half of SGD's, Entropy-SGD a fifth, SGD-SALR a fifth (5 calls per iteration: one pass per
        // per-example direction on the torch engine)
        Map<String, Long> iterations = new java.util.HashMap<>();
        plan.runs().forEach(r -> iterations.put(r.spec().methodName(), r.iterations()));
        assertEquals(b, iterations.get("sgd"));
        assertEquals(b, iterations.get("swa"));
        assertEquals(b / 2, iterations.get("sam"));
        assertEquals(b / 5, iterations.get("entropy-sgd"));
        assertEquals(b / 5, iterations.get("sgd-salr"));
    }

    /**
     * A short version on the real corpus (the Debian package jargon-text): tuned on the end of the training
     * text, then tested; every completed run records its perplexity, exp of its test loss, and the export
     * carries it.
     */
    @Test
    @Tag("slow")
    void aShortVersionRunsEndToEndAndRecordsPerplexity(@TempDir Path root) throws Exception {
        String tiny = preset()
                .replace("budget: {epochs: 30, of: sgd}", "budget: {epochs: 1, of: sgd}")
                .replace("budget: {epochs: 10, of: sgd}", "budget: {epochs: 1, of: sgd}")
                .replace("data: {train_subset: 2000, test_subset: 0}", "data: {train_subset: 40, test_subset: 20}")
                .replace("validation: {examples: 200, seed: 2026}", "validation: {examples: 8, seed: 2026}")
                .replace("model_options: {hidden: 64}", "model_options: {hidden: 8}")
                .replace("batch_size: 64", "batch_size: 8")
                .replace("seeds: 3", "seeds: 2")
                .replace("swa_cycle: 32", "swa_cycle: 4");
        assertFalse(tiny.contains("epochs: 30") || tiny.contains("train_subset: 2000"), "the preset was shrunk");
        TunedStudy study = TunedStudy.parse(tiny);
        StringWriter log = new StringWriter();
        SweepRunner.Outcome o = study.run(root, SweepRunner.Options.inProcess(new PrintWriter(log)), new PrintWriter(log));
        assertTrue(o.ok(), log.toString());
        assertTrue(Files.readString(root.resolve("tuning.csv")).lines().filter(l -> l.endsWith(",yes")).count() == 5,
                "a setting chosen per method");
        Store.Opened main = Store.open(root);
        assertEquals(5 * 2, main.plan().runs().size());
        int completed = 0;
        for (SweepPlan.PlannedRun r : main.plan().runs()) {
            RunResult result = main.store().result(r.id()).orElseThrow();
            assertTrue(result.status().isMethodOutcome(), r.spec().methodName() + ": " + result.cause());
            if (result.status() == RunStatus.COMPLETED) {
                completed++;
                double loss = result.metric("test_loss").orElseThrow();
                double perplexity = result.metric("perplexity").orElseThrow();
                assertEquals(Math.exp(loss), perplexity, 1e-9 * perplexity, r.spec().methodName());
                assertTrue(perplexity > 1, "a perplexity is at least 1, got " + perplexity);
            }
        }
        assertTrue(completed > 0, "some runs completed");
        List<TidyRow> rows = Export.of(main.store(), main.plan()).rows();
        assertEquals(completed, rows.stream().filter(row -> row.metric().equals("perplexity")).count());
        Optional<TidyRow> any = rows.stream().filter(row -> row.metric().equals("perplexity")).findFirst();
        assertTrue(any.isPresent() && any.get().value() > 1);
    }
}
