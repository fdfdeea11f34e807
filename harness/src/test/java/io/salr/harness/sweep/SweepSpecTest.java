package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepSpecTest {

    static final String SPEC = """
            study: unit
            models: [mlp]
            methods: [sgd, sgd-salr, sam, entropy-sgd]
            grid: {gamma: [0.005, 0.01]}
            overrides: {sam: {lr: 0.05, rho: [0.02, 0.05]}}
            seeds: [0, 1]
            budget: {epochs: 2, of: sgd}
            data: {train_subset: 300, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            """;

    @Test
    void expansionIsDeterministicAndIdsAreStable() {
        SweepPlan a = SweepSpec.parse(SPEC).plan();
        SweepPlan b = SweepSpec.parse(SPEC).plan();
        // sgd 1 x 2 seeds, sgd-salr 2 gammas x 2, sam 2 rhos x 2, entropy-sgd 1 x 2
        assertEquals(2 + 4 + 4 + 2, a.runs().size());
        List<String> ids = a.runs().stream().map(SweepPlan.PlannedRun::id).toList();
        assertEquals(ids, b.runs().stream().map(SweepPlan.PlannedRun::id).toList());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids are unique");
        // the order of the plan: methods in spec order, grid values in spec order, seeds innermost
        assertEquals(List.of("sgd", "sgd", "sgd-salr", "sgd-salr", "sgd-salr", "sgd-salr", "sam", "sam", "sam", "sam",
                "entropy-sgd", "entropy-sgd"), a.runs().stream().map(r -> r.spec().methodName()).toList());
        assertEquals(0.005, a.runs().get(2).spec().method().values().get(io.salr.optimizers.spec.Param.GAMMA).plain());
        assertEquals(0.01, a.runs().get(4).spec().method().values().get(io.salr.optimizers.spec.Param.GAMMA).plain());
        assertEquals(0.05, a.runs().get(6).spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain());
        // the same spec written with other key order and flow/block style gives the same ids
        String reordered = """
                seeds: [0, 1]
                methods: [sgd, sgd-salr, sam, entropy-sgd]
                study: unit
                budget:
                  of: sgd
                  epochs: 2
                models: [mlp]
                grid:
                  gamma: [0.005, 0.01]
                overrides:
                  sam: {rho: [0.02, 0.05], lr: 0.05}
                data: {test_subset: 100, train_subset: 300}
                batch_size: 50
                model_options: {hidden: 16}
                evaluation: {hessian_iterations: 2, sharpness_examples: 50}
                """;
        assertEquals(Set.copyOf(ids), Set.copyOf(SweepSpec.parse(reordered).plan().runs().stream().map(SweepPlan.PlannedRun::id).toList()));
        assertEquals(List.of("gamma", "rho"), a.variedHyperparameters());
    }

    @Test
    void budgetMatchingGivesEveryRunTheSameBudget() {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        long b = 2 * 6; // 2 epochs of sgd: 300 examples / batch 50 = 6 iterations, 1 call each
        assertEquals(b, plan.budgets().get("fashion-mnist"));
        for (SweepPlan.PlannedRun r : plan.runs()) {
            assertEquals(b, r.spec().budget().gradientCalls(), r.spec().methodName());
            // the MLP's per-example directions cost 1 pass on DL4J (one forward, one backward)
            assertEquals(r.spec().method().gradientCallsPerIteration(1), r.callsPerIteration());
            assertEquals((long) Math.ceil(b / r.callsPerIteration()), r.iterations());
        }
        // in epochs of sgd-salr (per-example directions of 1 pass: 1 + (9 - 1) / 2 = 5 calls per iteration)
        SweepPlan salr = SweepSpec.parse(SPEC.replace("of: sgd}", "of: sgd-salr}")).plan();
        assertEquals(2 * 6 * 5.0, salr.budgets().get("fashion-mnist"), 0.0);
        SweepPlan calls = SweepSpec.parse(SPEC.replace("{epochs: 2, of: sgd}", "{gradient_calls: 77}")).plan();
        assertTrue(calls.runs().stream().allMatch(r -> r.spec().budget().gradientCalls() == 77));
    }

    @Test
    void shardsPartitionThePlanExactly() {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        for (int n = 1; n <= 5; n++) {
            List<String> all = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                List<SweepPlan.PlannedRun> shard = plan.shard(i, n);
                assertTrue(Math.abs(shard.size() - plan.runs().size() / (double) n) < 1, "balanced shards");
                shard.forEach(r -> all.add(r.id()));
                assertEquals(shard.stream().map(SweepPlan.PlannedRun::id).toList(),
                        plan.shard(i, n).stream().map(SweepPlan.PlannedRun::id).toList(), "deterministic");
            }
            assertEquals(plan.runs().size(), all.size(), "no run twice");
            assertEquals(Set.copyOf(plan.runs().stream().map(SweepPlan.PlannedRun::id).toList()), Set.copyOf(all));
        }
        assertThrows(InvalidParameterException.class, () -> plan.shard(0, 3));
        assertThrows(InvalidParameterException.class, () -> plan.shard(4, 3));
    }

    @Test
    void badSpecsNameTheFieldAndTheValue() {
        assertBad(SPEC.replace("[sgd, sgd-salr", "[sgdd, sgd-salr"), "methods", "sgdd");
        assertBad(SPEC.replace("models: [mlp]", "models: [vgg]"), "models", "vgg");
        assertBad(SPEC + "datasets: [imagenet]\n", "datasets", "imagenet");
        assertBad(SPEC + "colour: blue\n", "colour", "blue");
        assertBad(SPEC.replace("{train_subset: 300,", "{train_size: 300,"), "data.train_size", "300");
        assertBad(SPEC.replace("[0.005, 0.01]", "[0.005, -0.01]"), "grid.gamma", "-0.01");
        assertBad(SPEC.replace("[0.005, 0.01]", "[0.005, 0]"), "grid.gamma", "0");
        assertBad(SPEC.replace("[0.005, 0.01]", "[]"), "grid.gamma", "[]");
        assertBad(SPEC.replace("{epochs: 2, of: sgd}", "{gradient_calls: 0}"), "budget.gradient_calls", "0");
        assertBad(SPEC.replace("{epochs: 2, of: sgd}", "{gradient_calls: -5}"), "budget.gradient_calls", "-5");
        assertBad(SPEC.replace("{epochs: 2, of: sgd}", "{epochs: 0, of: sgd}"), "budget.epochs", "0");
        assertBad(SPEC.replace("{epochs: 2, of: sgd}", "{epochs: 2, of: sgdx}"), "budget.of", "sgdx");
        assertBad(SPEC.replace("rho: [0.02, 0.05]", "rhoo: 0.1"), "overrides.sam.rhoo", "0.1");
        assertBad(SPEC.replace("overrides: {sam:", "overrides: {adam:"), "overrides.adam", "lr");
        assertBad(SPEC.replace("grid: {gamma:", "grid: {rho_x:"), "grid.rho_x", "0.005");
        assertBad(SPEC.replace("seeds: [0, 1]", "seeds: []"), "seeds", "[]");
        assertBad(SPEC.replace("batch_size: 50", "batch_size: 0"), "batch_size", "0");
        assertBad(SPEC.replace("study: unit", "study: ../evil"), "study", "../evil");
        assertBad("study: x\nmodels: [mlp]\nmethods: [sgd]\nseeds: 1\n", "budget", "(missing)");
        // a type tag is not a way to build objects
        assertBad(SPEC + "description: !!java.io.File [/tmp]\n", "spec", "");
    }

    private static void assertBad(String yaml, String field, String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(yaml));
        assertEquals(field, e.parameter(), e.getMessage());
        assertTrue(e.value().contains(value), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    /**
     * The YAML edge reads a parameter's values as its type once: a grid holds typed values (a number's text is the
     * number, an integral real an integer), and the planned run carries the same double; a value of the wrong type
     * is refused at the edge, naming the field.
     */
    @Test
    void aGridHoldsTypedValuesFromTheYamlEdgeOn() {
        SweepSpec spec = SweepSpec.parse(SPEC.replace("grid: {gamma: [0.005, 0.01]}", "grid: {gamma: ['0.005', 0.01], n1: [5.0]}"));
        Map<io.salr.optimizers.spec.Param, List<io.salr.optimizers.spec.ParamValue>> grid =
                spec.gridOf(io.salr.optimizers.spec.Method.SGD_SALR);
        assertEquals(List.of(new io.salr.optimizers.spec.ParamValue.Real(0.005), new io.salr.optimizers.spec.ParamValue.Real(0.01)),
                grid.get(io.salr.optimizers.spec.Param.GAMMA));
        assertEquals(List.of(new io.salr.optimizers.spec.ParamValue.Whole(5)), grid.get(io.salr.optimizers.spec.Param.N1));
        assertEquals(SweepSpec.parse(SPEC).plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(),
                spec.plan().runs().stream().map(SweepPlan.PlannedRun::id).toList(), "the same runs as the numbers give");
        assertEquals(0.005, spec.plan().runs().get(2).spec().method().gamma().getAsDouble());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("grid: {gamma: [0.005, 0.01]}", "grid: {gamma: [0.005, abc]}")));
        assertEquals("grid.gamma", e.parameter(), e.getMessage());
        assertEquals("overrides.sam.rho", assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("rho: [0.02, 0.05]", "rho: [0.02, true]"))).parameter());
    }
}
