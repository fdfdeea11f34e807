package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store accepts its own spec again whatever the order of a mapping's keys, its comments or its layout: a tuned
 * study derives its stages' specs anew in every JVM, and a key order that changed between JVM starts once made a
 * resumed study refuse its own stores ("holds another sweep spec"). Another spec is still refused.
 */
class StoreSpecOrderTest {

    private static final String SPEC = """
            study: s-tuning
            models: [mlp]
            methods: [sgd, sgd-salr]
            seeds: [0, 1]
            budget: {epochs: 1}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;

    @Test
    void theSameSpecWithItsKeysInAnotherOrderIsTheSameSpec(@TempDir Path dir) throws Exception {
        Store store = new Store(dir.resolve("store"));
        store.prepare(SweepSpec.parse(SPEC).plan(), SPEC);
        String reordered = """
                # the same spec, written by another JVM
                study: s-tuning
                models: [mlp]
                methods: [sgd, sgd-salr]
                seeds: [0, 1]
                evaluation:
                  hessian_iterations: 0
                  sharpness_examples: 0
                budget: {epochs: 1}
                """;
        store.prepare(SweepSpec.parse(reordered).plan(), reordered);
        assertEquals(SPEC, Files.readString(store.sweepYaml()), "the stored text is kept");

        // a list in another order is another spec (the methods' order is the runs' order), and so is another value
        for (String other : new String[] {SPEC.replace("[sgd, sgd-salr]", "[sgd-salr, sgd]"), SPEC.replace("seeds: [0, 1]", "seeds: [0, 2]")}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> store.prepare(SweepSpec.parse(other).plan(), other));
            assertTrue(e.getMessage().contains("holds another sweep spec"), e.getMessage());
        }
        assertTrue(Store.sameDocument("a: {b: 1, c: [1, 2]}", "a:\n  c: [1, 2]\n  b: 1\n"));
        assertTrue(!Store.sameDocument("a: {b: 1}", "a: {b: 2}") && !Store.sameDocument("a: [", "a: ["));
    }
}
