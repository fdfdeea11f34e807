package io.salr.harness.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.EntropySgdConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.SalrRate;
import io.salr.optimizers.methods.StochasticSharpnessConfig;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.spec.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec's description of the optimizers' configurations: what result.json records as a run's method. */
class ConfigTreeTest {

    /**
     * One vocabulary: every method's description names every option as a spec file does (snake case,
     * {@code scope_gamma} not {@code gamma0}), and every parameter of the spec that the bound configuration keeps
     * appears under its {@link Param} key with the spec's value. Describing every method also checks that the codec
     * knows every kind of configuration.
     */
    @Test
    void everyMethodIsDescribedInTheSpecsNames() {
        for (Method m : Method.values()) {
            MethodSpec spec = MethodSpec.defaults(m);
            Map<String, Object> leaves = new LinkedHashMap<>();
            flatten(ConfigTree.method(spec.bind(10, 100)), leaves);
            for (String k : leaves.keySet()) {
                assertTrue(k.matches("[a-z0-9_]+"), m.cliName() + ": '" + k + "' is not a spec-file name");
            }
            for (Param p : List.of(Param.LANGEVIN_LR, Param.SCOPE_GAMMA, Param.SCOPE_MAX, Param.LANGEVIN_STEPS,
                    Param.WEIGHT_DECAY, Param.EPS, Param.SWA_LR_MAX, Param.SWA_LR_MIN, Param.SWA_CYCLE, Param.GAMMA,
                    Param.NORMALIZATION, Param.PROBE_BATCH, Param.RHO, Param.MOMENTUM, Param.C, Param.CLAMP_MAX)) {
                spec.value(p).ifPresent(v -> assertEquals(v.plain(), leaves.get(p.key()), m.cliName() + ": " + p.key()));
            }
        }
    }

    /** A nested configuration is a nested map; a clamp that is off is 0, as a spec writes it. */
    @Test
    void entropyAdamSalrNestsItsRuleAndRate() {
        SalrRate salr = new SalrRate(SalrScheduleConfig.builder(0.1).c(2).multiplierMin(0.5).warmupIterations(3).build(),
                StochasticSharpnessConfig.algorithm2(new SharpnessConfig(0.01, 5, 4)));
        MethodConfig config = new EntropySgdConfig(AdamConfig.defaults(), salr, 5, 0.1, 1e-4, 0.03, 0.001, 0, 0.75);
        Map<String, Object> d = ConfigTree.method(config);
        assertEquals("Entropy-Adam-SALR", d.get("method"));
        assertEquals("Adam", ((Map<?, ?>) d.get("rule")).get("rule"));
        Map<?, ?> rate = (Map<?, ?>) d.get("rate");
        assertEquals("SALR", rate.get("rate"));
        Map<?, ?> schedule = (Map<?, ?>) rate.get("schedule");
        assertEquals(2, schedule.get("c"));
        assertEquals(0.5, schedule.get("clamp_min"));
        assertEquals(0.0, schedule.get("clamp_max"));
        assertEquals(3L, schedule.get("warmup"));
        assertEquals(Map.of("type", "constant", "lr", 0.1), schedule.get("schedule"));
        Map<?, ?> sharpness = (Map<?, ?>) rate.get("sharpness");
        assertEquals(List.of("gamma", "n1", "n2", "normalization", "probe_batch", "zero_gradient_policy"),
                List.copyOf(sharpness.keySet()));
        assertEquals("per-example", sharpness.get("normalization"));
        assertEquals(4, sharpness.get("n2"));
        assertEquals(5, d.get("langevin_steps"));
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Map<String, Object> m, Map<String, Object> out) {
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> inner) {
                flatten((Map<String, Object>) inner, out);
            } else {
                out.put(k, v);
            }
        });
    }
}
