package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.Param;
import io.salr.optimizers.spec.ParamValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A study's stores written by the versions that derived its stages by rewriting the study's YAML map resume under
 * this version, which transforms the typed spec: for every tuned preset, each stage the old map rewriting gives
 * (kept here, as it was, as the reference) reads to the sweep {@link TunedStudy} derives now, and a store holding
 * the old text accepts the new one ({@link Store#sameSweep}). The chosen settings of the test stage are every
 * combination's first point.
 */
class LegacyDerivationTest {

    @Test
    void everyTunedPresetDerivesTheSweepsTheMapRewritingDerived() throws Exception {
        List<Path> presets;
        try (Stream<Path> s = Files.list(Path.of("..", "ci", "presets"))) {
            presets = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int tuned = 0;
        for (Path p : presets) {
            String text = Files.readString(p);
            if (!TunedStudy.isTuned(text)) {
                continue;
            }
            tuned++;
            TunedStudy study = TunedStudy.parse(text);
            Legacy legacy = new Legacy(text);
            Optional<String> pretrainId = study.pretrainRunId();
            assertEquals(legacy.pretrainYaml().map(y -> SweepSpec.parse(y).plan().runs().get(0).id()), pretrainId, p.toString());
            if (pretrainId.isPresent()) {
                same(p + " pretrain", legacy.pretrainYaml().orElseThrow(), study.pretrainYaml().orElseThrow());
            }
            same(p + " tuning", legacy.tuningYaml(pretrainId), study.tuningYaml());
            Map<Method, Map<Param, ParamValue>> chosen = new LinkedHashMap<>();
            for (Method m : study.tuningSpec().methods()) {
                Map<Param, ParamValue> first = new LinkedHashMap<>();
                study.tuningSpec().gridOf(m).forEach((param, values) -> {
                    if (study.tunedParameters(m).contains(param)) {
                        first.put(param, values.get(values.size() - 1));
                    }
                });
                chosen.put(m, first);
            }
            same(p + " final", legacy.finalYaml(pretrainId, chosen), study.finalYaml(chosen));
            same(p + " final template", legacy.finalYaml(pretrainId, Map.of()), study.finalYaml(Map.of()));
        }
        assertTrue(tuned >= 5, "tuned presets: " + tuned);
    }

    private static void same(String what, String legacyYaml, String yaml) {
        assertEquals(SweepSpec.parse(legacyYaml), SweepSpec.parse(yaml), what);
        assertEquals(SweepSpec.parse(legacyYaml).plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(),
                SweepSpec.parse(yaml).plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(), what);
        assertTrue(Store.sameSweep(legacyYaml, yaml), what);
    }

    /** The derivation of the stages as the versions before this one wrote it: a rewrite of the study's YAML map. */
    @SuppressWarnings("unchecked")
    private static final class Legacy {
        private final Map<String, Object> study;
        private final Map<String, Object> tuning;
        private final Optional<Map<String, Object>> pretrain;

        Legacy(String text) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) SweepSpec.readYaml(text));
            pretrain = Optional.ofNullable((Map<String, Object>) m.remove("pretrain"));
            tuning = (Map<String, Object>) m.remove("tuning");
            study = m;
        }

        private static String dump(Map<String, Object> m) {
            DumperOptions dump = new DumperOptions();
            dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return new Yaml(new Representer(dump), dump).dump(m);
        }

        /**
         * The stage's evaluation: no final measures. Since the field exists, the study's end-of-epoch curve setting
         * ({@code epoch_train_examples}) is kept, which the map rewriting before it had no field to keep.
         */
        private Map<String, Object> noFinalMeasures() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("sharpness_examples", 0);
            e.put("hessian_iterations", 0);
            Object curve = ((Map<String, Object>) study.getOrDefault("evaluation", Map.of())).get("epoch_train_examples");
            if (curve != null) {
                e.put("epoch_train_examples", curve);
            }
            return e;
        }

        private static Map<String, Object> deepCopy(Map<String, Object> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
            return out;
        }

        Optional<String> pretrainYaml() {
            if (pretrain.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> p = pretrain.get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", study.get("study") + "-pretrain");
            for (String k : List.of("datasets", "models", "engines", "device", "batch_size", "model_options", "threads")) {
                if (study.containsKey(k)) {
                    m.put(k, study.get(k));
                }
            }
            m.put("methods", List.of(p.get("method")));
            if (p.containsKey("params")) {
                m.put("overrides", Map.of(String.valueOf(p.get("method")), p.get("params")));
            }
            m.put("seeds", List.of(p.getOrDefault("seed", 0)));
            m.put("budget", p.get("budget"));
            Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) study.getOrDefault("data", Map.of()));
            data.remove("validation_examples");
            data.remove("validation_seed");
            data.put("classes", p.get("classes"));
            m.put("data", data);
            m.put("evaluation", noFinalMeasures());
            m.put("save_weights", true);
            return Optional.of(dump(m));
        }

        private Map<String, Object> studyFields(Optional<String> pretrainId) {
            Map<String, Object> m = deepCopy(study);
            pretrainId.ifPresent(id -> m.put("init_from", id));
            return m;
        }

        String tuningYaml(Optional<String> pretrainId) {
            Map<String, Object> m = studyFields(pretrainId);
            m.put("study", study.get("study") + "-tuning");
            m.remove("reference");
            m.remove("description");
            m.remove("controls");
            m.put("seeds", tuning.get("seeds"));
            m.put("budget", tuning.get("budget"));
            Map<String, Object> validation = (Map<String, Object>) tuning.get("validation");
            Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("data", Map.of()));
            data.put("validation_examples", validation.get("examples"));
            data.put("validation_seed", validation.getOrDefault("seed", 0));
            data.remove("test_subset");
            m.put("data", data);
            m.put("evaluation", noFinalMeasures());
            Map<String, Object> overrides = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("overrides", Map.of()));
            ((Map<String, Object>) tuning.get("grid")).forEach((method, params) -> {
                Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) overrides.getOrDefault(method, Map.of()));
                o.putAll((Map<String, Object>) params);
                overrides.put(method, o);
            });
            m.put("overrides", overrides);
            return dump(m);
        }

        String finalYaml(Optional<String> pretrainId, Map<Method, Map<Param, ParamValue>> chosen) {
            Map<String, Object> m = studyFields(pretrainId);
            Map<String, Object> overrides = new LinkedHashMap<>((Map<String, Object>) m.getOrDefault("overrides", Map.of()));
            chosen.forEach((method, params) -> {
                Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) overrides.getOrDefault(method.cliName(), Map.of()));
                params.forEach((p, v) -> o.put(p.key(), v.plain()));
                overrides.put(method.cliName(), o);
            });
            m.put("overrides", overrides);
            return dump(m);
        }
    }
}
