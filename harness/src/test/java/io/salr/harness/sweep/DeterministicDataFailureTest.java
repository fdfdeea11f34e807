package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails the same way every time because of its data (a char-LSTM spec on a corpus two
 * characters long) is a deterministic failure: a plain rerun does not retry it (only {@code --retry-failed} does).
 * It used to be labelled an infrastructure failure and retried by every rerun.
 */
@Tag("slow")
class DeterministicDataFailureTest {

    @TempDir
    Path dir;

    @Test
    void aTwoCharacterCorpusFailsDeterministically() throws IOException {
        Path corpus = dir.resolve("ab.txt");
        Files.writeString(corpus, "ab"); // two characters: too short for one sequence
        String yaml = "study: ab\ndatasets: ['text:" + corpus + "']\nmodels: [char-lstm]\nmethods: [sgd]\nseeds: [0]\n"
                + "budget: {epochs: 1}\nbatch_size: 16\nevaluation: {sharpness_examples: 0, hessian_iterations: 0}\n";
        SweepPlan plan = SweepSpec.parse(yaml).plan();
        Store store = new Store(dir.resolve("store"));
        store.prepare(plan, yaml);
        RunResult r = store.execute(plan.runs().get(0).spec(), Trainer.Options.defaults().withLog(m -> { }));
        assertEquals(RunStatus.FAILED, r.status(), r.cause().toString());
        assertEquals(RunResult.FailureKind.DETERMINISTIC, r.failure().orElseThrow(), r.cause().toString());
        assertFalse(r.resumable());
        assertTrue(r.cause().orElse("").contains(corpus.toString()), r.cause().toString());
    }
}
