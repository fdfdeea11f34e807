package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.Budget;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Budgets in the paper's currency (Section VI's count of gradient calls) against the meter's. */
class CostCurrencyTest {

    private static final String SPEC = """
            study: currency
            models: [mlp]
            methods: [sgd, sgd-salr, sam, entropy-sgd, entropy-sgd-salr, swa, adam-salr]
            grid: {n1: [5], n2: [5], c: [2]}
            seeds: [0]
            budget: {epochs: 5, of: sgd, currency: paper}
            data: {train_subset: 1000, test_subset: 100}
            batch_size: 100
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            """;

    private static Map<String, SweepPlan.PlannedRun> byMethod(SweepPlan plan) {
        Map<String, SweepPlan.PlannedRun> out = new LinkedHashMap<>();
        plan.runs().forEach(r -> out.putIfAbsent(r.spec().methodName(), r));
        return out;
    }

    @Test
    void aPaperBudgetGivesSgdSalrAFifthOfSgdsIterations() {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        Map<String, SweepPlan.PlannedRun> runs = byMethod(plan);
        // 5 epochs of SGD: 1000 examples / batch 100 = 10 iterations per epoch, one paper call each
        assertEquals(50, plan.budgets().get("fashion-mnist"));
        assertEquals(50, runs.get("sgd").iterations());
        assertEquals(10, runs.get("sgd-salr").iterations(), "(n1 + n2) / c = 5 paper calls per iteration");
        assertEquals(runs.get("sgd").iterations(), 5 * runs.get("sgd-salr").iterations());
        assertEquals(10, runs.get("adam-salr").iterations());
        assertEquals(25, runs.get("sam").iterations(), "SAM: 2 per iteration");
        assertEquals(10, runs.get("entropy-sgd").iterations(), "Entropy-SGD: L = 5 per iteration");
        assertEquals(10, runs.get("entropy-sgd-salr").iterations(), "Entropy-SGD-SALR counts as Entropy-SGD does");
        assertEquals(50, runs.get("swa").iterations());
        for (SweepPlan.PlannedRun r : plan.runs()) {
            Budget b = r.spec().budget();
            assertTrue(b.inIterations(), r.spec().methodName());
            assertEquals(r.iterations(), b.iterations());
            assertEquals(50, b.paperCalls());
            assertEquals(Optional.empty(), b.horizon());
            assertEquals(50, r.expectedPaperCalls(), r.spec().methodName());
            // the meter's count is planned beside it: the per-example probe of the MLP costs more passes
            assertEquals(Math.round(r.iterations() * r.callsPerIteration()), r.expectedCalls());
        }
        assertTrue(runs.get("entropy-sgd-salr").expectedCalls() > runs.get("entropy-sgd").expectedCalls(),
                "the meter charges Entropy-SGD-SALR its probe; the paper does not");
    }

    @Test
    void thePaperCostPerIterationIsDeclaredPerMethod() {
        Map<String, Object> salr = Map.of("n1", 5, "n2", 5, "c", 2);
        assertEquals(5.0, MethodSpec.resolve(Method.SGD_SALR, salr).paperCallsPerIteration());
        assertEquals(10.0, MethodSpec.resolve(Method.SGD_SALR, Map.of("n1", 5, "n2", 5, "c", 1)).paperCallsPerIteration());
        assertEquals(1.0, MethodSpec.resolve(Method.SGD_SALR, Map.of("n1", 1, "n2", 0, "c", 4)).paperCallsPerIteration(),
                "never less than the step's own gradient");
        // a per-example or a batch-normalized direction: one paper call either way
        assertEquals(5.0, MethodSpec.resolve(Method.SGD_SALR, Map.of("normalization", "batch")).paperCallsPerIteration());
        assertEquals(1.0, MethodSpec.defaults(Method.SGD).paperCallsPerIteration());
        assertEquals(1.0, MethodSpec.defaults(Method.ADAM).paperCallsPerIteration());
        assertEquals(2.0, MethodSpec.defaults(Method.ADAM_SAM).paperCallsPerIteration());
        assertEquals(1.0, MethodSpec.defaults(Method.ADAM_SWA).paperCallsPerIteration());
        assertEquals(7.0, MethodSpec.resolve(Method.ENTROPY_ADAM_SALR, Map.of("langevin_steps", 7)).paperCallsPerIteration());
    }

    @Test
    void aPassesBudgetStillMatchesMeteredCalls() {
        SweepPlan plan = SweepSpec.parse(SPEC.replace("currency: paper", "currency: passes")).plan();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            assertTrue(r.spec().budget().inGradientCalls());
            assertEquals(50, r.spec().budget().gradientCalls());
        }
        // without the field, as before: the same run ids as an explicit passes
        List<String> explicit = plan.runs().stream().map(SweepPlan.PlannedRun::id).toList();
        List<String> implicit = SweepSpec.parse(SPEC.replace(", currency: paper", "")).plan().runs().stream()
                .map(SweepPlan.PlannedRun::id).toList();
        assertEquals(explicit, implicit);
    }

    @Test
    void badCurrenciesAreRefusedNamingTheField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("currency: paper", "currency: dollars")));
        assertEquals("budget.currency", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("budget: {epochs: 5, of: sgd, currency: paper}", "budget: {epochs: 5, currency: paper}")));
        assertEquals("budget.currency", e.parameter());
    }

    @Test
    void anIterationBudgetIsDescribedWithItsPaperCallsAndOldFormsKeepTheirShape() {
        assertEquals(Map.of("iterations", 10L, "paper_calls", 50L), Budget.iterations(10, 50).describe());
        assertEquals(Map.of("epochs", 3), Budget.epochs(3).describe());
        assertEquals(Map.of("gradient_calls", 7L), Budget.gradientCalls(7).describe());
        assertEquals("iterations-of:sgd-salr", Budget.control(10, 50, "sgd-salr").describe().get("horizon"));
        assertFalse(Budget.iterations(10, 50).inGradientCalls());
        assertThrows(InvalidParameterException.class, () -> new Budget(1, 0, 5, 0, Optional.empty()));
        assertThrows(InvalidParameterException.class, () -> new Budget(1, 0, 0, 5, Optional.empty()));
    }
}
