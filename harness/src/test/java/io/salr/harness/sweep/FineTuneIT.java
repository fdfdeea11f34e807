package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.FinalWeights;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny paper-finetune end to end through the sweep machinery and its worker JVMs: the pre-training stage keeps
 * its weights, then the tuning and test stages start from them (the init_from id travels in the run spec), and
 * the export marks the runs as fine-tuned so that Table VI's claims can select them.
 */
@Tag("slow")
class FineTuneIT {

    static final String STUDY = """
            study: tiny-finetune
            models: [mlp-bn]
            engines: [dl4j]
            methods: [sgd, sgd-salr]
            grid: {weight_decay: [0.00001]}
            seeds: [1, 2]
            budget: {epochs: 1, of: sgd, currency: paper}
            data: {train_subset: 200, test_subset: 0, classes: [5, 6, 7, 8, 9]}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            pretrain:
              method: sgd
              params: {lr: 0.05}
              classes: [0, 1, 2, 3, 4]
              budget: {epochs: 2}
              seed: 0
            tuning:
              validation: {examples: 50, seed: 7}
              seeds: [9]
              budget: {epochs: 1, of: sgd, currency: paper}
              grid:
                sgd: {lr: [0.01, 0.1]}
                sgd-salr: {lr: [0.01, 0.1]}
            """;

    @Test
    void preTrainsThenFineTunesEveryRunFromTheSameWeights(@TempDir Path data, @TempDir Path root) throws Exception {
        SyntheticFashionMnistAccess.write(data, 500, 200, 11);
        TunedStudy study = TunedStudy.parse(STUDY);
        String source = study.pretrainRunId().orElseThrow();
        StringWriter log = new StringWriter();
        SweepRunner.Outcome o = study.run(root, new SweepRunner.Options(1, false, Optional.of(data), false,
                new PrintWriter(log)), new PrintWriter(log));
        assertTrue(o.ok(), log.toString());
        assertTrue(log.toString().contains("pre-training stage, 1 run"), log.toString());

        RunFolder pre = new Store(root.resolve("pretrain")).folder(source);
        assertEquals(RunStatus.COMPLETED, new Store(root.resolve("pretrain")).result(source).orElseThrow().status());
        FinalWeights w = FinalWeights.read(pre.weights());
        assertEquals(source, w.runId());
        String sha = FinalWeights.sha256Hex(pre.weights());

        Store.Opened main = Store.open(root);
        Store tuning = new Store(root.resolve("tuning"));
        List<SweepPlan.PlannedRun> all = new java.util.ArrayList<>(main.plan().runs());
        all.addAll(study.tuningSpec().plan().runs());
        assertEquals(2 * 2 + 2 * 2, all.size());
        for (SweepPlan.PlannedRun r : all) {
            Store s = r.spec().data().validates() ? tuning : main.store();
            RunResult result = s.result(r.id()).orElseThrow();
            assertEquals(RunStatus.COMPLETED, result.status(), r.id());
            assertEquals(source, r.spec().weights().initFrom().orElseThrow());
            @SuppressWarnings("unchecked")
            Map<String, Object> from = (Map<String, Object>) RunFolder.readJson(s.folder(r.id()).provenance()).get("initFrom");
            assertEquals(source, from.get("run"), "the worker found the source in the study's pretrain stage");
            assertEquals(sha, from.get("weights_sha256"));
            assertTrue(!Files.exists(s.folder(r.id()).weights()), "fine-tuning runs keep no weights");
        }
        String csv = Export.csv(Export.of(main.store(), main.plan()));
        assertTrue(csv.contains("fashion-mnist/classes-5-6-7-8-9/finetuned"), csv);
    }
}
