package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed stores of the tuned studies still plan to the runs they hold: a study that resumes with this code
 * must find every finished run under the id it was written with (a run's id is the hash of its canonical spec, so
 * any change to the spec's JSON form or to a default would orphan them). For each study, every stage (pre-training,
 * tuning, test) is derived from the preset as {@link TunedStudy} derives it, its YAML must read to the sweep the
 * committed {@code sweep.yaml} reads to, and every committed run folder must be a planned run whose spec.json is written
 * byte for byte as committed; the export of a finished store is its committed results.csv and the tuning table its
 * committed tuning.csv, byte for byte (every result.json read back, every parameter written into its column).
 */
class CommittedStoresTest {

    private static Path store(String study) {
        return Path.of("..", "results", study, "store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper-fmnist-mlp-v2", "paper-finetune", "paper-text"})
    void everyCommittedRunIsPlannedUnderItsIdWithItsSpecBytes(String name, @TempDir Path tmp) throws Exception {
        Path root = store(name);
        String preset = Files.readString(Presets.file(name));
        assertEquals(Files.readString(root.resolve("study.yaml")), preset, "the committed study is the preset");
        TunedStudy study = TunedStudy.parse(preset);
        int checked = 0;
        if (study.pretrainYaml().isPresent()) {
            checked += checkStage(root.resolve(TunedStudy.PRETRAIN_STORE), study.pretrainYaml().orElseThrow(),
                    study.pretrainSpec().orElseThrow().plan(), tmp);
        }
        checked += checkStage(root.resolve("tuning"), study.tuningYaml(), study.tuningSpec().plan(), tmp);
        if (Files.isRegularFile(root.resolve("sweep.yaml"))) {
            Optional<SweepPlan> finalPlan = study.finalPlan(root);
            assertTrue(finalPlan.isPresent(), name + ": the tuning stage's results choose the final settings");
            checked += checkStage(root, Files.readString(root.resolve("sweep.yaml")), finalPlan.orElseThrow(), tmp);
            // the final stage's YAML as the study derives it from the chosen settings
            assertTrue(Store.sameSweep(Files.readString(root.resolve("sweep.yaml")), finalYaml(study, root)),
                    name + ": the derived final spec is the committed sweep.yaml's sweep");
            // the walk of every parameter from the spec to the tidy CSV: the export is the committed results.csv
            if (Files.isRegularFile(root.resolve("results.csv"))) {
                assertEquals(Files.readString(root.resolve("results.csv")),
                        Export.csv(Export.of(new Store(root), finalPlan.orElseThrow())), name + ": results.csv");
            }
        }
        if (Files.isRegularFile(root.resolve("tuning.csv"))) {
            TunedStudy.Tuned t = study.choose(new Store(root.resolve("tuning")), study.tuningSpec().plan());
            assertEquals(Files.readString(root.resolve("tuning.csv")), TunedStudy.tuningCsv(t), name + ": tuning.csv");
        }
        assertTrue(checked > 0, name + ": no committed run was checked");
    }

    private static String finalYaml(TunedStudy study, Path root) {
        TunedStudy.Tuned t = study.choose(new Store(root.resolve("tuning")), study.tuningSpec().plan());
        return study.finalYaml(t.chosenValues());
    }

    /** Checks one stage's store against the plan its YAML gives; returns the number of run folders checked. */
    private static int checkStage(Path stageRoot, String derivedYaml, SweepPlan plan, Path tmp) throws Exception {
        String committed = Files.readString(stageRoot.resolve("sweep.yaml"));
        // the sweep this version derives is the committed one (a store resumes only under an equal sweep)
        assertEquals(SweepSpec.parse(committed), SweepSpec.parse(derivedYaml), stageRoot + ": the derived spec is the committed sweep");
        assertTrue(Store.sameSweep(committed, derivedYaml));
        List<Path> folders;
        try (Stream<Path> s = Files.list(stageRoot.resolve("runs"))) {
            folders = new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
        }
        assertFalse(folders.isEmpty(), stageRoot + " holds no runs");
        for (Path folder : folders) {
            String id = folder.getFileName().toString();
            Optional<SweepPlan.PlannedRun> planned = plan.find(id);
            assertTrue(planned.isPresent(), stageRoot + ": committed run " + id + " is not planned any more");
            RunSpec spec = planned.get().spec();
            assertEquals(id, spec.id());
            Map<String, Object> content = new java.util.LinkedHashMap<>();
            content.put("id", spec.id());
            content.putAll(spec.toMap());
            Path written = tmp.resolve(id + ".json");
            RunFolder.writeJson(written, content);
            assertEquals(Files.readString(folder.resolve("spec.json")), Files.readString(written),
                    stageRoot + ": spec.json of " + id + " is written byte for byte as committed");
            // the committed spec reads back to the same run, and its result reads back
            assertEquals(id, RunSpec.fromMap(withoutId(RunFolder.readJson(folder.resolve("spec.json")))).id());
            if (Files.isRegularFile(folder.resolve("result.json"))) {
                RunResult r = RunResult.fromMap(RunFolder.readJson(folder.resolve("result.json")));
                assertEquals(id, r.id());
            }
        }
        return folders.size();
    }

    private static Map<String, Object> withoutId(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(m);
        out.remove("id");
        return out;
    }
}
