package io.salr.optimizers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.QuadraticModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.BatchSupplier;
import io.salr.optimizers.methods.EntropySgdConfig;
import io.salr.optimizers.methods.GradientMethodConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.SamConfig;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.SwaConfig;
import io.salr.optimizers.methods.TrainingMethod;
import io.salr.validation.InvalidParameterException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodSpecTest {

    private static final int B = 4;

    private static QuadraticModel model(GradientMeter meter) {
        double[][] a = {{3, 1, 0}, {1, 2, 0}, {0, 0, 1}};
        return new QuadraticModel(a, QuadraticModel.centres(40, 3, 1.0, 7), new double[] {1, -1, 0.5}, meter);
    }

    /** Small probes so that a refresh period is cheap: n1 = 2, n2 = 3, c = 2, Langevin L = 3. */
    private static Map<String, Object> small(Method m) {
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> names = MethodSpec.defaults(m).values().keySet().stream().map(Param::key).toList();
        if (names.contains("n1")) {
            p.put("n1", 2);
            p.put("n2", 3);
            p.put("gamma", 0.05);
        }
        if (names.contains("langevin_steps")) {
            p.put("langevin_steps", 3);
        }
        p.put("lr", m.base() == Method.Base.ADAM ? 1e-3 : 0.01);
        return p;
    }

    /** The metered gradient calls per iteration over two refresh periods of the method. */
    private static double metered(MethodSpec spec) {
        GradientMeter meter = new GradientMeter();
        QuadraticModel q = model(meter);
        TrainingMethod method = spec.bind(10, 100).create(3);
        int[] next = {0};
        BatchSupplier fresh = () -> QuadraticModel.batch(next[0]++ % 40, (next[0] + 5) % 40, 11, 12);
        int iterations = 4;
        for (int k = 0; k < iterations; k++) {
            StepRecord r = method.step(q, QuadraticModel.batch(k, k + 10, k + 20, k + 30), fresh, k);
            assertFalse(r.diverged(), spec.method() + ": " + r.divergence());
        }
        return (double) meter.gradientCalls() / iterations;
    }

    /** The cost a method declares is what its step code spends under the meter, for every method. */
    @Test
    void declaredCostIsTheMeteredCostForEveryMethod() {
        for (Method m : Method.values()) {
            MethodSpec spec = MethodSpec.resolve(m, small(m));
            assertEquals(spec.gradientCallsPerIteration(1), metered(spec), 1e-12, m.cliName());
        }
        for (String probe : List.of("step", "fresh")) {
            for (String normalization : List.of("batch", "per-example")) {
                Map<String, Object> p = new HashMap<>(small(Method.SGD_SALR));
                p.put("probe_batch", probe);
                p.put("normalization", normalization);
                MethodSpec spec = MethodSpec.resolve(Method.SGD_SALR, p);
                assertEquals(spec.gradientCallsPerIteration(1), metered(spec), 1e-12, probe + "/" + normalization);
            }
        }
    }

    /**
     * The paper's budgets (SGD-SALR 40 epochs against SGD's 200) imply 5 gradient calls per iteration at
     * n1 = n2 = 5, c = 2: the gradient at theta_k on the step's batch starts both chains and drives the
     * update. On a fresh probe batch the update needs a pass of its own: 5.5.
     */
    @Test
    void sgdSalrCostsFiveGradientCallsPerIterationAtThePapersSettings() {
        MethodSpec paper = MethodSpec.resolve(Method.SGD_SALR, Map.of("normalization", "batch"));
        assertEquals(5.0, paper.gradientCallsPerIteration(1), 0.0);
        assertEquals(5.0, metered(paper), 0.0);
        MethodSpec fresh = MethodSpec.resolve(Method.SGD_SALR, Map.of("probe_batch", "fresh", "normalization", "batch"));
        assertEquals(5.5, fresh.gradientCallsPerIteration(1), 0.0);
        assertEquals(5.5, metered(fresh), 0.0);
        // per-example directions of 1 call each (norms, direction and mean gradient from one pass, as both
        // engines compute them without BatchNorm): the paper's 5
        MethodSpec perExample = MethodSpec.defaults(Method.SGD_SALR);
        assertEquals(5.0, perExample.gradientCallsPerIteration(1), 0.0, "per-example is the default");
        assertEquals(5.0, metered(perExample), 0.0);
        // where BatchNorm forces one pass per example (B = 8 here): 1 + (9 B - 1) / 2
        assertEquals(1 + (9.0 * 8 - 1) / 2, perExample.gradientCallsPerIteration(8), 0.0);
    }

    @Test
    void defaultsFollowSectionSix() {
        assertEquals(0.05, MethodSpec.defaults(Method.SGD).rate().lr());
        assertEquals(1e-3, MethodSpec.defaults(Method.ADAM_SALR).rate().lr());
        EntropySpec entropy = (EntropySpec) MethodSpec.defaults(Method.ENTROPY_SGD);
        assertEquals(1.0, entropy.rate().lr(), "outer rate 1");
        assertEquals(4, entropy.rate().decayEvery(), "divided by 5 every four epochs");
        assertEquals(0.2, entropy.rate().decayFactor());
        assertEquals(5, entropy.entropy().langevinSteps());
        assertEquals(0.1, entropy.entropy().langevinLr());
        assertEquals(1e-4, entropy.entropy().noise());
        assertEquals(0.03, entropy.entropy().scopeGamma());
        assertEquals(1e-3, entropy.entropy().scoping());
        SalrParams salr = MethodSpec.defaults(Method.SGD_SALR).salr().orElseThrow();
        assertEquals(List.of(5, 5, 2), List.of(salr.n1(), salr.n2(), salr.c()));
        assertEquals(0, MethodSpec.defaults(Method.SGD).rate().decayEvery(), "SGD's decay is the preset's choice");
    }

    @Test
    void theBaseRuleComesFromTheMethodNotItsName() {
        MethodConfig adamSam = MethodSpec.defaults(Method.ADAM_SAM).bind(10, 100);
        assertInstanceOf(AdamConfig.class, ((SamConfig) adamSam).rule());
        MethodConfig adamSwa = MethodSpec.defaults(Method.ADAM_SWA).bind(10, 100);
        assertInstanceOf(AdamConfig.class, ((SwaConfig) adamSwa).rule());
        assertEquals(75, ((SwaConfig) adamSwa).startIteration(), "SWA starts at 0.75 of the planned iterations");
        MethodConfig entropyAdam = MethodSpec.defaults(Method.ENTROPY_ADAM_SALR).bind(10, 100);
        assertInstanceOf(AdamConfig.class, ((EntropySgdConfig) entropyAdam).outerRule());
        assertTrue(((EntropySgdConfig) entropyAdam).outerRate().isSalr());
        assertInstanceOf(GradientMethodConfig.class, MethodSpec.defaults(Method.SGD).bind(10, 100));
    }

    @Test
    void badParametersAreNamedWithTheirValue() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> MethodSpec.resolve(Method.SGD, Map.of("rho", 0.1)));
        assertEquals("rho", e.parameter());
        assertTrue(e.getMessage().contains("sgd"), e.getMessage());
        assertEquals("n1", assertThrows(InvalidParameterException.class,
                () -> MethodSpec.resolve(Method.SGD_SALR, Map.of("n1", 2.5))).parameter());
        assertEquals("normalization", assertThrows(InvalidParameterException.class,
                () -> MethodSpec.resolve(Method.SGD_SALR, Map.of("normalization", "both"))).parameter());
        assertEquals("lr", assertThrows(InvalidParameterException.class,
                () -> MethodSpec.resolve(Method.ADAM, Map.of("lr", "NaN"))).parameter());
        assertEquals("method", assertThrows(InvalidParameterException.class,
                () -> Method.parse("method", "sgd-salr2")).parameter());
        // text values are read as their types
        assertEquals(0.2, ((SamSpec) MethodSpec.resolve(Method.SAM, Map.of("rho", "0.2"))).rho());
    }

    /**
     * SALR's refresh period, clamps and warm-up are checked in one place (the schedule's), and a spec is refused
     * where it is read, not when it is bound: an upper clamp below the lower one, which only the schedule used to
     * check, is an error of the spec naming {@code clamp_max} and its value.
     */
    @Test
    void salrOptionsAreCheckedWhenTheSpecIsReadNamingTheField() {
        record Bad(Map<String, Object> given, String field, String value) {
        }
        for (Bad b : List.of(new Bad(Map.of("c", 0), "c", "0"), new Bad(Map.of("warmup", -3), "warmup", "-3"),
                new Bad(Map.of("clamp_min", -1.0), "clamp_min", "-1.0"),
                new Bad(Map.of("clamp_max", -2.0), "clamp_max", "-2.0"),
                new Bad(Map.of("clamp_min", 2.0, "clamp_max", 1.0), "clamp_max", "1.0"))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> MethodSpec.resolve(Method.SGD_SALR, b.given()), b.toString());
            assertEquals(b.field(), e.parameter(), e.getMessage());
            assertTrue(e.getMessage().contains(b.value()), e.getMessage());
        }
        // a clamp of 0 is off, and the bound schedule has none
        MethodSpec off = MethodSpec.resolve(Method.SGD_SALR, Map.of("clamp_min", 0.0, "clamp_max", 0.0));
        GradientMethodConfig bound = (GradientMethodConfig) off.bind(10, 100);
        io.salr.optimizers.schedule.SalrScheduleConfig schedule = ((io.salr.optimizers.methods.SalrRate) bound.rate()).schedule();
        assertTrue(schedule.multiplierMin().isEmpty() && schedule.multiplierMax().isEmpty());
    }

    @Test
    void parametersRoundTrip() {
        for (Method m : Method.values()) {
            MethodSpec spec = MethodSpec.resolve(m, small(m));
            Map<String, Object> plain = new LinkedHashMap<>();
            spec.values().forEach((p, v) -> plain.put(p.key(), v.plain()));
            assertEquals(spec, MethodSpec.resolve(m, plain), m.cliName());
            assertEquals(spec, MethodSpec.of(m, spec.values()), m.cliName());
        }
    }
}
