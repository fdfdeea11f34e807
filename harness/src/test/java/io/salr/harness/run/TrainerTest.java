package io.salr.harness.run;

import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class TrainerTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        SyntheticFashionMnist.write(data, 600, 200, 1);
    }

    static RunSpec spec(String method, Map<String, Object> params, Budget budget, long seed) {
        return new RunSpec("test", new DataSpec("fashion-mnist", 320, DataSpec.SubsetMode.STRATIFIED, 100),
                new ModelOptions("mlp", 0.0, false, 1.0, 16), MethodSpec.resolve(Method.parse("method", method), params),
                EngineChoice.DL4J, seed, 32,
                budget, new EvaluationSpec(64, 0.01, 2, 2, 3));
    }

    static Trainer.Options options() {
        return Trainer.Options.defaults().withDataDir(Optional.of(data));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metricsWithoutTime(Map<String, Object> result) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) result.get("metrics"));
        m.remove("wall_seconds");
        return m;
    }

    /** The CSV without its wall-time column (the only column that may differ between two runs). */
    static String withoutWallTime(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int wall = List.of(lines.get(0).split(",")).indexOf("wall_seconds");
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                if (i != wall) {
                    sb.append(cells[i]).append(',');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void sameSpecAndSeedGiveBitwiseIdenticalMetrics(@TempDir Path out) throws IOException {
        RunSpec s = spec("sgd-salr", Map.of(), Budget.epochs(2), 7);
        Map<String, Object> a = Trainer.run(s, new RunFolder(out.resolve("a")), options()).toMap();
        Map<String, Object> b = Trainer.run(s, new RunFolder(out.resolve("b")), options()).toMap();
        assertEquals("completed", a.get("status"));
        assertEquals(metricsWithoutTime(a), metricsWithoutTime(b));
        assertEquals(Files.readString(out.resolve("a/iterations.csv")), Files.readString(out.resolve("b/iterations.csv")));
        assertEquals(withoutWallTime(out.resolve("a/epochs.csv")), withoutWallTime(out.resolve("b/epochs.csv")));
        // another seed is another run
        Map<String, Object> c = Trainer.run(spec("sgd-salr", Map.of(), Budget.epochs(2), 8), new RunFolder(out.resolve("c")), options()).toMap();
        assertFalse(metricsWithoutTime(a).equals(metricsWithoutTime(c)));
    }

    /** Stands for a kill: an Error is not caught by the trainer, so the run stops where it is. */
    private static final class Interrupted extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aResumedRunWithDropoutAndBatchNormEqualsAnUninterruptedOne(@TempDir Path out) throws IOException {
        RunSpec s = new RunSpec("test", new DataSpec("fashion-mnist", 320, DataSpec.SubsetMode.STRATIFIED, 100),
                new ModelOptions("mlp", 0.3, true, 1.0, 16), MethodSpec.resolve(Method.parse("method", "sgd-salr"), Map.of()), EngineChoice.DL4J, 4, 32,
                Budget.epochs(2), new EvaluationSpec(64, 0.01, 2, 2, 3));
        Map<String, Object> whole = Trainer.run(s, new RunFolder(out.resolve("whole")), options()).toMap();

        Trainer.Options stopAfter13 = options().withCheckpointSeconds(0).withListener(new Trainer.Listener() {
            @Override
            public void iterationEnd(long iteration, double loss, long gradientCalls) {
                if (iteration == 13) {
                    throw new Interrupted();
                }
            }
        });
        RunFolder resumed = new RunFolder(out.resolve("resumed"));
        org.junit.jupiter.api.Assertions.assertThrows(Interrupted.class, () -> Trainer.run(s, resumed, stopAfter13).toMap());
        assertTrue(Files.exists(resumed.checkpoint()) && !resumed.isComplete(), "stopped inside the second epoch");
        Map<String, Object> rest = Trainer.run(s, resumed, options()).toMap();
        assertEquals(metricsWithoutTime(whole), metricsWithoutTime(rest));
        assertEquals(Files.readString(out.resolve("whole/iterations.csv")), Files.readString(resumed.iterations()));
    }

    @Test
    void trainingLearnsTheSyntheticTaskAndRecordsEveryMetric(@TempDir Path out) throws IOException {
        Map<String, Object> r = Trainer.run(spec("sgd", Map.of("lr", 0.05), Budget.epochs(3), 1), new RunFolder(out), options()).toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("metrics");
        assertTrue(((Number) m.get("test_accuracy")).doubleValue() > 0.5, "test accuracy " + m.get("test_accuracy"));
        for (String key : List.of("test_loss", "train_accuracy", "train_loss", "final_sharpness", "hessian_max_eigenvalue",
                "hessian_top_abs_eigenvalue",
                "grad_calls", "forward_calls", "iterations", "epochs", "wall_seconds")) {
            assertTrue(m.containsKey(key), "metric " + key + " in " + m.keySet());
        }
        assertEquals(30L, ((Number) m.get("grad_calls")).longValue(), "3 epochs of 10 batches, one call each");
        List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals(Trainer.EPOCH_COLUMNS, List.of(epochs.get(0).split(",")));
        assertEquals(4, epochs.size());
        List<String> iterations = Files.readAllLines(out.resolve("iterations.csv"));
        assertEquals(31, iterations.size());
        assertTrue(Files.exists(out.resolve("provenance.json")) && Files.exists(out.resolve("spec.json")));
        assertFalse(Files.exists(out.resolve("checkpoint.bin")), "a complete run leaves no checkpoint");
    }

    @Test
    void salrRecordsLearningRateAndSharpnessEveryRefresh(@TempDir Path out) throws IOException {
        Trainer.run(spec("sgd-salr", Map.of("c", 3), Budget.epochs(1), 2), new RunFolder(out), options()).toMap();
        List<String> rows = Files.readAllLines(out.resolve("iterations.csv"));
        for (int k = 0; k < rows.size() - 1; k++) {
            String[] cells = rows.get(k + 1).split(",", -1);
            assertEquals(k % 3 == 0, !cells[4].isEmpty(), "sharpness present exactly at refresh iteration " + k);
            assertTrue(Double.parseDouble(cells[3]) >= 0, "learning rate at " + k);
        }
    }

    @Test
    void aGradientCallBudgetIsSpentUnderTheMethodsOwnMeter(@TempDir Path out) {
        long budget = 40;
        for (String method : List.of("sgd", "sam", "sgd-salr", "entropy-sgd")) {
            Map<String, Object> r = Trainer.run(spec(method, Map.of(), Budget.gradientCalls(budget), 3),
                    new RunFolder(out.resolve(method)), options()).toMap();
            @SuppressWarnings("unchecked")
            long spent = ((Number) ((Map<String, Object>) r.get("metrics")).get("grad_calls")).longValue();
            double perStep = MethodSpec.defaults(Method.parse("method", method)).gradientCallsPerIteration(2);
            // SALR's refresh steps cost 2 (n1 + n2 - 1) with per-example directions of 2 passes; any other step at most perStep
            double maxStep = method.equals("sgd-salr") ? 18 : perStep;
            assertTrue(spent >= budget && spent < budget + maxStep, method + " spent " + spent + " of " + budget);
        }
    }

    @Test
    void swaPaysItsBatchNormPassOutOfTheBudget(@TempDir Path out) {
        RunSpec swa = new RunSpec("test", new DataSpec("fashion-mnist", 320, DataSpec.SubsetMode.STRATIFIED, 100),
                new ModelOptions("mlp", 0.0, true, 1.0, 16), MethodSpec.resolve(Method.parse("method", "swa"), Map.of()), EngineChoice.DL4J, 1, 32,
                Budget.gradientCalls(25), new EvaluationSpec(0, 0.01, 2, 2, 0));
        Map<String, Object> r = Trainer.run(swa, new RunFolder(out), options()).toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("metrics");
        // 15 training steps, then the BatchNorm pass over the 10 training batches
        assertEquals(25L, ((Number) m.get("grad_calls")).longValue());
        assertEquals(15L, ((Number) m.get("iterations")).longValue());
    }

    @Test
    void aHugeLearningRateEndsTheRunAsDivergedWithItsCause(@TempDir Path out) {
        Map<String, Object> r = Trainer.run(spec("sgd", Map.of("lr", 1e30, "momentum", 0.0), Budget.epochs(2), 1),
                new RunFolder(out), options()).toMap();
        assertEquals("diverged", r.get("status"));
        assertTrue(String.valueOf(r.get("cause")).startsWith("iteration "), String.valueOf(r.get("cause")));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("metrics");
        assertFalse(m.containsKey("diverged"), "the status says it; no 0/1 metric repeats it: " + m);
    }

    @Test
    void aCompletedFolderIsReturnedAsIsAndAnotherSpecIsRefused(@TempDir Path out) throws IOException {
        RunSpec s = spec("sgd", Map.of(), Budget.epochs(1), 1);
        Trainer.run(s, new RunFolder(out), options()).toMap();
        String before = Files.readString(out.resolve("result.json"));
        Trainer.run(s, new RunFolder(out), options()).toMap();
        assertEquals(before, Files.readString(out.resolve("result.json")));

        Path other = out.resolveSibling(out.getFileName() + "-other");
        Trainer.run(spec("sgd", Map.of(), Budget.epochs(1), 1), new RunFolder(other), options()).toMap();
        Files.delete(other.resolve("result.json"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.run(spec("sgd", Map.of(), Budget.epochs(1), 99), new RunFolder(other), options()).toMap());
        assertTrue(e.getMessage().contains("holds another run"), e.getMessage());
    }
}
