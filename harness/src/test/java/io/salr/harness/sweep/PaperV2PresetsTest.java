package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.spec.Method;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The v2 studies of issue 20: the paper's currency, networks, budget ratios and a referee's tuning protocol. */
class PaperV2PresetsTest {

    private static final long IPE = 469; // 60,000 training images at batch 128

    private static Map<String, Long> iterations(SweepPlan plan) {
        return plan.runs().stream().filter(r -> r.horizon().isEmpty()).collect(Collectors.toMap(
                r -> r.spec().methodName(), SweepPlan.PlannedRun::iterations, Math::min));
    }

    @Test
    void theMlpV2StudiesRunThePapersNetworkAtThePapersRatiosInThePapersCurrency() throws Exception {
        Map<String, List<String>> rows = Map.of(
                "paper-fmnist-mlp-v2", List.of("sgd", "swa", "entropy-sgd", "entropy-sgd-salr", "sam", "sgd-salr"),
                "paper-fmnist-mlp-v2-adam", List.of("adam", "adam-swa", "entropy-adam", "entropy-adam-salr", "adam-sam", "adam-salr"));
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            String name = row.getKey();
            TunedStudy study = TunedStudy.parse(Files.readString(Presets.file(name)));
            SweepSpec spec = SweepSpec.parse(study.finalYaml(Map.of()));
            assertEquals(SweepSpec.Currency.PAPER, spec.budget().currency(), name);
            SweepPlan plan = spec.plan();
            assertEquals(row.getValue(), spec.methods().stream().map(Method::cliName).toList(), name);
            assertEquals(6 * 10 + 10, plan.runs().size(), name + ": 6 methods x 10 seeds and 10 controls");
            // BatchNorm and dropout 0.5 after the hidden layer (Section VI)
            assertTrue(plan.runs().stream().allMatch(r -> r.spec().model().batchNorm() && r.spec().model().dropout() == 0.5), name);
            Map<String, Long> it = iterations(plan);
            // 50 : 25 : 10 epochs (the paper's 200 : 100 : 40 scaled)
            for (String m : List.of("sgd", "adam", "swa", "adam-swa")) {
                if (it.containsKey(m)) {
                    assertEquals(50 * IPE, it.get(m), m);
                }
            }
            for (String m : List.of("sam", "adam-sam")) {
                if (it.containsKey(m)) {
                    assertEquals(25 * IPE, it.get(m), m);
                }
            }
            for (String m : List.of("sgd-salr", "adam-salr", "entropy-sgd", "entropy-sgd-salr", "entropy-adam", "entropy-adam-salr")) {
                if (it.containsKey(m)) {
                    assertEquals(10 * IPE, it.get(m), m);
                }
            }
            assertEquals(6, it.size(), name);
            // the control: the base method at SALR's eta_0 for exactly SALR's iterations
            List<SweepPlan.PlannedRun> controls = plan.runs().stream().filter(r -> r.horizon().isPresent()).toList();
            assertEquals(10, controls.size(), name);
            String salr = name.endsWith("-adam") ? "adam-salr" : "sgd-salr";
            for (SweepPlan.PlannedRun c : controls) {
                assertEquals("iterations-of:" + salr, c.horizon().orElseThrow(), name);
                assertEquals(10 * IPE, c.iterations(), name);
            }
            // the baselines' schedules are stated; SALR is on the batch-normalized direction (a stated departure)
            plan.runs().stream().filter(r -> r.horizon().isEmpty() && List.of("sgd", "adam").contains(r.spec().methodName()))
                    .forEach(r -> assertEquals(15, r.spec().method().values().get(io.salr.optimizers.spec.Param.DECAY_EVERY).plain(), name));
            plan.runs().stream().filter(r -> r.spec().method().method().salr())
                    .forEach(r -> assertEquals("batch", String.valueOf(r.spec().method().values().get(io.salr.optimizers.spec.Param.NORMALIZATION).plain()), name));
            assertTrue(spec.departures().size() >= 5, spec.departures().toString());
            assertTrue(spec.departures().stream().anyMatch(d -> d.contains("batch-normalized")), "the BN direction is a stated departure");
        }
        // Algorithm 3 is plain SGD; Entropy-SGD as its authors' code runs it
        SweepPlan sgdRow = SweepSpec.parse(TunedStudy.parse(Files.readString(Presets.file("paper-fmnist-mlp-v2"))).finalYaml(Map.of())).plan();
        sgdRow.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr"))
                .forEach(r -> assertEquals(0.0, r.spec().method().values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain()));
        sgdRow.runs().stream().filter(r -> r.spec().methodName().equals("entropy-sgd")).forEach(r -> {
            assertEquals(0.0, r.spec().method().values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain());
            assertEquals(0.9, r.spec().method().values().get(io.salr.optimizers.spec.Param.LANGEVIN_MOMENTUM).plain());
        });
    }

    @Test
    void theV2StudiesTuneAsARefereeAsks() throws Exception {
        for (String name : List.of("paper-fmnist-mlp-v2", "paper-fmnist-mlp-v2-adam", "paper-fmnist-lenet-v2")) {
            TunedStudy study = TunedStudy.parse(Files.readString(Presets.file(name)));
            assertEquals(List.of(), study.protocolGaps(), name);
            SweepSpec tuning = study.tuningSpec();
            assertTrue(tuning.seeds().size() >= 3, name);
            SweepSpec finalSpec = SweepSpec.parse(study.finalYaml(Map.of()));
            assertTrue(tuning.seeds().stream().noneMatch(finalSpec.seeds()::contains), name);
            // the tuning horizon is the final one
            assertEquals(finalSpec.plan().budgets(), tuning.plan().budgets(), name);
            // every method's rate grid holds its base method's rate and reaches at least 4x below and above it
            for (Method m : tuning.methods()) {
                List<Double> rates = tuning.gridOf(m).get(io.salr.optimizers.spec.Param.LR).stream().map(io.salr.optimizers.spec.ParamValue::asDouble).sorted().toList();
                double centre = m.family() == Method.Family.ENTROPY && m.base() == Method.Base.SGD ? 1.0
                        : m.base() == Method.Base.ADAM ? 0.001 : 0.05;
                assertTrue(rates.stream().anyMatch(r -> Math.abs(r - centre) < 1e-12), name + " " + m + " " + rates);
                assertTrue(rates.size() >= 5 && rates.get(0) <= centre / 4 && rates.get(rates.size() - 1) >= centre * 4,
                        name + " " + m + " " + rates);
            }
        }
        assertTrue(Files.readString(Presets.file("paper-fmnist-lenet-v2")).contains("models: [lenet-bn-dropout]"));
    }

    /** The first study is kept as history; what a referee rejected in it is listed. */
    @Test
    void theFirstMlpStudysProtocolGapsAreNamed() throws Exception {
        List<String> gaps = TunedStudy.parse(Files.readString(Presets.file("paper-fmnist-mlp"))).protocolGaps();
        assertTrue(gaps.stream().anyMatch(g -> g.startsWith("tuning.seeds")), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> g.startsWith("tuning.budget")), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> g.startsWith("tuning.grid.sgd-salr.lr")), gaps.toString());
    }

    @Test
    void theStabilityAblationHasItsVariantsAndTheControl() throws Exception {
        SweepSpec spec = SweepSpec.parse(Files.readString(Presets.file("stability-ablation")));
        SweepPlan plan = spec.plan();
        List<SweepPlan.PlannedRun> salr = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).toList();
        List<SweepPlan.PlannedRun> controls = plan.runs().stream().filter(r -> r.horizon().isPresent()).toList();
        // mlp: 2 directions x 2 caps x 2 momenta; mlp-bn-dropout: the batch direction x 2 caps x 2 momenta; 10 seeds each
        assertEquals((8 + 4) * 10, salr.size());
        assertEquals(2 * 2 * 10, controls.size(), "per network, momentum 0 and 0.9");
        assertEquals(Set.of(Set.of("per-example", "batch"), Set.of("batch")), salr.stream().collect(Collectors.groupingBy(
                r -> r.spec().model().batchNorm(), Collectors.mapping(r -> String.valueOf(r.spec().method().values().get(io.salr.optimizers.spec.Param.NORMALIZATION).plain()),
                        Collectors.toSet()))).values().stream().collect(Collectors.toSet()));
        assertEquals(Set.of(0.0, 4.0), salr.stream().map(r -> r.spec().method().values().get(io.salr.optimizers.spec.Param.CLAMP_MAX).plain()).collect(Collectors.toSet()));
        assertEquals(Set.of(0.0, 0.9), salr.stream().map(r -> r.spec().method().values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain()).collect(Collectors.toSet()));
        long salrIterations = salr.get(0).iterations();
        assertEquals(10 * IPE, salrIterations);
        for (SweepPlan.PlannedRun c : controls) {
            assertEquals("sgd", c.spec().methodName());
            assertEquals("iterations-of:sgd-salr", c.horizon().orElseThrow());
            assertEquals(salrIterations, c.iterations());
            assertEquals(0.1, c.spec().method().values().get(io.salr.optimizers.spec.Param.LR).plain());
            assertEquals(0, c.spec().method().values().get(io.salr.optimizers.spec.Param.DECAY_EVERY).plain());
        }
        assertEquals(10, spec.seeds().size());
        assertFalse(spec.departures().isEmpty());
    }
}
