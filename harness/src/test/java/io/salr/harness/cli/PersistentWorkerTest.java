package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs that run many runs: a run gives the same bits whether it is the first run of its worker or comes
 * after another one, and whether the sweep has one worker or two (each run computes with its spec's threads,
 * not with cores / workers).
 */
@Tag("slow")
class PersistentWorkerTest {

    /** Run A is seed 1, run B seed 2; the list of seeds orders the plan, and the study names the ids. */
    static final String SPEC = """
            study: reuse
            models: [mlp]
            methods: [sgd-salr]
            seeds: %s
            budget: {epochs: 3}
            data: {train_subset: 300, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 16, dropout: 0.1}
            evaluation: {sharpness_examples: 20, hessian_iterations: 2}
            """;

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 300, 50, 3);
    }

    private static Path sweep(String name, String seeds, int workers) throws IOException {
        Path spec = Files.writeString(dir.resolve(name + ".yaml"), String.format(java.util.Locale.ROOT, SPEC, seeds));
        Path store = dir.resolve(name);
        SweepCommandsTest.Result r = SweepCommandsTest.salr("sweep", spec.toString(), "--store", store.toString(),
                "--data-dir", data.toString(), "--progress", "lines", "--workers", Integer.toString(workers), "--oversubscribe");
        assertEquals(0, r.code(), r.out() + r.err());
        return store;
    }

    /** Every run of a store: id -> its result metrics and its iterations.csv. */
    private static Map<String, List<Object>> runs(Path store) throws IOException {
        Map<String, List<Object>> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(store.resolve("runs"))) {
            for (Path d : dirs.toList()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> metrics = (Map<String, Object>) io.salr.harness.run.RunFolder.readJson(d.resolve("result.json"))
                        .get("metrics");
                Map<String, Object> kept = new TreeMap<>(metrics);
                kept.remove("wall_seconds");
                out.put(d.getFileName().toString(), List.of(kept, Files.readString(d.resolve("iterations.csv"))));
            }
        }
        return out;
    }

    @Test
    void aRunGivesTheSameBitsFirstOrSecondInItsWorkerAndWithOneOrTwoWorkers() throws IOException {
        Map<String, List<Object>> alone = runs(sweep("alone", "[1]", 1));
        assertEquals(1, alone.size());
        String a = alone.keySet().iterator().next();

        Path afterStore = sweep("after", "[2, 1]", 1);
        Map<String, List<Object>> after = runs(afterStore);
        assertEquals(2, after.size());
        String log = Files.readString(afterStore.resolve("runs").resolve(a).resolve("worker.log"));
        assertTrue(log.contains("run " + a + ", the 2nd in this JVM"), "run A came second in its worker:\n" + log);
        assertEquals(alone.get(a), after.get(a), "run A alone and after run B in the same worker JVM");

        Map<String, List<Object>> two = runs(sweep("two", "[2, 1]", 2));
        assertEquals(after, two, "both runs with --workers 1 and with --workers 2");
    }
}
