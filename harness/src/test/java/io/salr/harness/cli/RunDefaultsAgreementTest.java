package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.harness.run.RunDefaults;
import io.salr.harness.run.RunSpec;
import io.salr.harness.sweep.SweepSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line and the sweep spec build the same run from the same few choices: every default the
 * user did not state (batch size, model options, evaluation, outcome rule, method parameters) comes from
 * one place, so a run started with {@code salr train} and the same run planned by a sweep agree field by
 * field (the study name aside).
 */
class RunDefaultsAgreementTest {

    private static Map<String, Object> withoutStudy(RunSpec spec) {
        Map<String, Object> m = spec.toMap();
        m.remove("study");
        return m;
    }

    private static RunSpec fromCommandLine(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.spec();
    }

    private static RunSpec fromSweep(String yaml) {
        return SweepSpec.parse(yaml).plan().runs().get(0).spec();
    }

    @Test
    void trainAndSweepGiveTheSameRunForTheSameChoices() {
        RunSpec cli = fromCommandLine("--method", "sgd-salr", "--model", "mlp", "--epochs", "2", "--seed", "3");
        RunSpec sweep = fromSweep("""
                study: agree
                datasets: [fashion-mnist]
                models: [mlp]
                methods: [sgd-salr]
                seeds: [3]
                budget: {epochs: 2}
                """);
        assertEquals(withoutStudy(sweep), withoutStudy(cli));
    }

    @Test
    void theSharedDefaultsAreTheOnesInRunDefaults() {
        RunSpec cli = fromCommandLine("--method", "sgd", "--model", "mlp", "--epochs", "1");
        assertEquals(RunDefaults.BATCH_SIZE, cli.batchSize());
        assertEquals(RunDefaults.HIDDEN, cli.model().hidden());
        assertEquals(RunDefaults.EVAL_EXAMPLES, cli.evaluation().sharpnessExamples());
        assertEquals(RunDefaults.HESSIAN_ITERATIONS, cli.evaluation().hessianIterations());
        assertEquals(RunDefaults.WIDTH, cli.model().widthMultiplier());
        assertEquals(RunDefaults.DROPOUT, cli.model().dropout());
    }
}
