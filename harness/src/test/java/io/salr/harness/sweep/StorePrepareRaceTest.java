package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sweeps with different specs that create the same new store at the same moment: exactly one of them
 * prepares it and the other is refused ("holds another sweep spec"); sweep.yaml holds the winner's spec. Before
 * the check and the write were one atomic step, both could pass the check and both go on, 200 times over.
 */
class StorePrepareRaceTest {

    static String spec(String study) {
        return "study: " + study + "\nmodels: [mlp]\nmethods: [sgd]\nseeds: [0]\nbudget: {epochs: 1}\n"
                + "evaluation: {sharpness_examples: 0, hessian_iterations: 0}\n";
    }

    @Test
    void ofTwoSweepsCreatingOneStoreAtOnceExactlyOneWins(@TempDir Path dir) throws Exception {
        String a = spec("first");
        String b = spec("second");
        SweepPlan planA = SweepSpec.parse(a).plan();
        SweepPlan planB = SweepSpec.parse(b).plan();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                Path root = dir.resolve("store-" + round);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String[] who : new String[][] {{"a", a}, {"b", b}}) {
                    SweepPlan plan = who[0].equals("a") ? planA : planB;
                    outcomes.add(pool.submit(() -> {
                        together.await();
                        try {
                            new Store(root).prepare(plan, who[1]);
                            return who[0];
                        } catch (InvalidParameterException e) {
                            assertTrue(e.getMessage().contains("holds another sweep spec"), e.getMessage());
                            return "refused";
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get());
                }
                assertEquals(1, results.stream().filter(r -> r.equals("refused")).count(), "round " + round + ": " + results);
                String winner = results.stream().filter(r -> !r.equals("refused")).findFirst().orElseThrow();
                assertEquals(winner.equals("a") ? a : b, Files.readString(root.resolve("sweep.yaml")), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
