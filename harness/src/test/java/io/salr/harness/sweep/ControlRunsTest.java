package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control of the stability ablation: the base method at SALR's eta_0, held constant, for exactly SALR's
 * iterations, marked in the tidy export by {@code horizon = iterations-of:sgd-salr}; and named model variants.
 */
class ControlRunsTest {

    static final String SPEC = """
            study: control
            models: [mlp, mlp-bn-dropout]
            methods: [sgd, sgd-salr]
            overrides:
              sgd: {lr: 0.05}
              sgd-salr: {lr: 0.1, momentum: [0.0, 0.9], normalization: [per-example, batch], decay_every: 1}
            controls:
              - {method: sgd, iterations_of: sgd-salr}
            seeds: [0, 1]
            budget: {epochs: 5, of: sgd, currency: paper}
            data: {train_subset: 200, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;

    @Test
    void controlsTakeSalrsRateAndRuleForSalrsIterations() {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        List<SweepPlan.PlannedRun> controls = plan.runs().stream().filter(r -> r.horizon().isPresent()).toList();
        List<SweepPlan.PlannedRun> salr = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).toList();
        // per model: 2 momenta x 2 normalizations x 2 seeds of SALR; the normalization is SALR's own, so the
        // controls are 2 momenta x 2 seeds
        assertEquals(2 * 2 * 2 * 2, salr.size());
        assertEquals(2 * 2 * 2, controls.size());
        long salrIterations = salr.get(0).iterations();
        assertEquals(20 / 5, salrIterations, "5 epochs of 4 iterations at 5 paper calls per SALR iteration");
        for (SweepPlan.PlannedRun c : controls) {
            assertEquals("sgd", c.spec().methodName());
            assertEquals(Optional.of("iterations-of:sgd-salr"), c.horizon());
            assertEquals(salrIterations, c.iterations());
            assertEquals(salrIterations, c.spec().budget().iterations());
            assertEquals(0.1, c.spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain(), "SALR's eta_0, not sgd's own 0.05");
            assertEquals(0, c.spec().method().values().get(io.salr.optimizers.spec.Param.DECAY_EVERY).plain(), "a constant rate");
        }
        assertEquals(List.of(0.0, 0.9), controls.stream().filter(c -> c.spec().seed() == 0
                && c.spec().model().batchNorm()).map(c -> c.spec().method().values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain()).toList());
        assertTrue(plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd"))
                .anyMatch(r -> r.horizon().isEmpty() && r.iterations() == 20), "the ordinary sgd runs stay");
    }

    @Test
    void namedVariantsCarryBatchNormAndDropout() {
        SweepSpec spec = SweepSpec.parse(SPEC);
        assertEquals("mlp", SweepSpec.architectureOf("mlp-bn-dropout"));
        assertTrue(spec.modelOptions("mlp-bn-dropout").batchNorm());
        assertEquals(0.5, spec.modelOptions("mlp-bn-dropout").dropout());
        assertEquals(0.0, spec.modelOptions("mlp").dropout());
        assertEquals("mlp-bn-dropout", spec.modelName(spec.modelOptions("mlp-bn-dropout")));
        assertEquals("mlp", spec.modelName(spec.modelOptions("mlp")));
        assertEquals("models", assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("mlp-bn-dropout", "mlp-huge"))).parameter());
    }

    @Test
    void badControlsNameTheField() {
        assertEquals("controls.method", assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("{method: sgd, iterations_of", "{method: adam, iterations_of"))).parameter());
        assertEquals("controls.iterations_of", assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("iterations_of: sgd-salr", "iterations_of: sgd"))).parameter());
        assertEquals("controls.iterations_of", assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(SPEC.replace("methods: [sgd, sgd-salr]", "methods: [sgd, adam-salr]")
                        .replace("sgd-salr: {", "adam-salr: {").replace("momentum: [0.0, 0.9], ", ""))).parameter());
    }

    @Test
    void excludedPointsAreNotRunAndAnExclusionMustExcludeSomething() {
        String excluding = SPEC.replace("controls:", "exclude:\n  - {model: mlp-bn-dropout, normalization: per-example}\ncontrols:");
        SweepPlan plan = SweepSpec.parse(excluding).plan();
        assertTrue(plan.runs().stream().noneMatch(r -> r.spec().model().batchNorm()
                && "per-example".equals(r.spec().method().value(io.salr.optimizers.spec.Param.NORMALIZATION).map(Object::toString).orElse(""))));
        assertEquals(2 * 2 + 2, plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).count() / 2,
                "per seed: mlp 2 x 2, mlp-bn-dropout 1 x 2");
        assertEquals("exclude", assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(
                excluding.replace("normalization: per-example}", "normalization: per-example, momentum: 0.5}"))).parameter());
        assertEquals("exclude.model", assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(
                excluding.replace("{model: mlp-bn-dropout,", "{model: lenet,"))).parameter());
        assertEquals("exclude.colour", assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(
                excluding.replace("{model: mlp-bn-dropout,", "{colour: red,"))).parameter());
    }

    /**
     * An exclusion is typed where the YAML is read: its values are the parameters' own types (an integer matches a
     * real parameter by value), a value of the wrong type is refused naming its place, and the spec written back
     * reads to the same exclusion.
     */
    @Test
    void anExclusionIsTypedAtTheEdge() {
        String excluding = SPEC.replace("controls:", "exclude:\n  - {model: mlp-bn-dropout, momentum: 0}\ncontrols:");
        SweepSpec spec = SweepSpec.parse(excluding);
        SweepSpec.Exclusion e = spec.exclude().get(0);
        assertEquals(java.util.Optional.of("mlp-bn-dropout"), e.model());
        assertEquals(java.util.Map.of(io.salr.optimizers.spec.Param.MOMENTUM, new io.salr.optimizers.spec.ParamValue.Real(0.0)),
                e.params());
        assertTrue(spec.plan().runs().stream().noneMatch(r -> r.spec().model().batchNorm()
                && r.spec().methodName().equals("sgd-salr")
                && ((Number) r.spec().method().values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain()).doubleValue() == 0.0));
        InvalidParameterException bad = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(excluding.replace("momentum: 0}", "momentum: none}")));
        assertEquals("exclude.momentum", bad.parameter());
        assertEquals("none", bad.value());
        assertEquals(spec.exclude(), SweepSpec.parse(spec.toYaml()).exclude(), "written and read back");
    }

    /** A tiny sweep, trained: the controls stop at SALR's iterations and the export marks them. */
    @Test
    @Tag("slow")
    void theExportMarksControlRunsWithTheirHorizon(@TempDir Path data, @TempDir Path root) throws Exception {
        SyntheticFashionMnistAccess.write(data, 300, 100, 3);
        String text = SPEC.replace("models: [mlp, mlp-bn-dropout]", "models: [mlp]")
                .replace("momentum: [0.0, 0.9], normalization: [per-example, batch]", "momentum: 0.0").replace("seeds: [0, 1]", "seeds: [0]");
        SweepPlan plan = SweepSpec.parse(text).plan();
        Store store = new Store(root);
        store.prepare(plan, text);
        StringWriter log = new StringWriter();
        SweepRunner.Outcome o = SweepRunner.run(store, plan.runs(),
                SweepRunner.Options.inProcess(new PrintWriter(log)).withDataDir(Optional.of(data)));
        assertTrue(o.ok(), log.toString());
        long salrIterations = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).findFirst()
                .orElseThrow().iterations();
        for (SweepPlan.PlannedRun r : plan.runs()) {
            RunResult res = store.result(r.id()).orElseThrow();
            if (res.status() == RunStatus.COMPLETED) {
                assertEquals((double) r.iterations(), res.metric(io.salr.analysis.metric.Metric.ITERATIONS).orElseThrow(), r.spec().methodName());
                assertEquals(r.iterations() * r.paperCallsPerIteration(), res.metric(io.salr.analysis.metric.Metric.PAPER_CALLS).orElseThrow());
            }
        }
        Export.Exported e = Export.of(store, plan);
        assertTrue(e.hyperparameterColumns().contains("horizon"), e.hyperparameterColumns().toString());
        String csv = Export.csv(e);
        String header = csv.lines().findFirst().orElseThrow();
        int col = List.of(header.split(",")).indexOf("horizon");
        Map<String, Long> controlsByMethod = new java.util.TreeMap<>();
        csv.lines().skip(1).filter(l -> l.contains(",iterations,")).forEach(l -> {
            String[] cells = l.split(",", -1);
            if (cells[col].equals("iterations-of:sgd-salr")) {
                controlsByMethod.merge(cells[3], 1L, Long::sum);
                assertEquals(Long.toString(salrIterations), cells[7], l);
            } else {
                assertEquals("", cells[col], "an ordinary run has no horizon: " + l);
            }
        });
        assertEquals(Map.of("sgd", 1L), controlsByMethod, csv);
    }
}
