package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sweep spec's YAML codec: every preset, and every stage a tuned preset derives, written by
 * {@link SweepSpec#toYaml()} reads back to an equal spec planning the same runs.
 */
class SweepSpecYamlTest {

    private static List<SweepSpec> specs() throws Exception {
        List<SweepSpec> out = new ArrayList<>();
        List<Path> presets;
        try (Stream<Path> s = Files.list(Path.of("..", "ci", "presets"))) {
            presets = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path p : presets) {
            String text = Files.readString(p);
            if (TunedStudy.isTuned(text)) {
                TunedStudy study = TunedStudy.parse(text);
                study.pretrainSpec().ifPresent(out::add);
                out.add(study.tuningSpec());
                out.add(SweepSpec.parse(study.finalYaml(Map.of())));
            } else {
                out.add(SweepSpec.parse(text));
            }
        }
        out.add(SweepSpec.parse(Files.readString(Path.of("..", "ci", "pinned", "sweep.yaml"))));
        return out;
    }

    @Test
    void everyPresetAndStageReadsBackToItself() throws Exception {
        List<SweepSpec> specs = specs();
        assertTrue(specs.size() > 20, "presets and their stages: " + specs.size());
        for (SweepSpec s : specs) {
            SweepSpec back = SweepSpec.parse(s.toYaml());
            assertEquals(s, back, s.study() + ":\n" + s.toYaml());
            assertEquals(s.plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(),
                    back.plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(), s.study());
            assertEquals(s.toYaml(), back.toYaml(), s.study() + ": the written form is a fixed point");
        }
    }
}
