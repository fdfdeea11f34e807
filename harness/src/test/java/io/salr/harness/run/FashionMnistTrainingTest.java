package io.salr.harness.run;

import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** One epoch of the MLP on the real Fashion-MNIST (the Debian package dataset-fashion-mnist). */
@Tag("slow")
class FashionMnistTrainingTest {

    private static final Path PACKAGE_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void oneEpochOfTheMlpBeatsChanceByAWideMargin(@TempDir Path out) {
        assertTrue(Files.isDirectory(PACKAGE_DIR),
                "Fashion-MNIST is not installed at " + PACKAGE_DIR + ": ./salr test installs it (apt-get install dataset-fashion-mnist)");
        RunSpec spec = new RunSpec("test", new DataSpec("fashion-mnist", 0, DataSpec.SubsetMode.FIRST, 0),
                ModelOptions.of("mlp"), MethodSpec.resolve(Method.parse("method", "sgd"), Map.of()), EngineChoice.DL4J, 1, 128, Budget.epochs(1),
                new EvaluationSpec(0, 0.01, 5, 5, 0));
        Map<String, Object> r = Trainer.run(spec, new RunFolder(out), Trainer.Options.defaults()).toMap();
        assertEquals("completed", r.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("metrics");
        double accuracy = ((Number) m.get("test_accuracy")).doubleValue();
        // chance is 0.10; an MLP reaches about 0.8 after one epoch
        assertTrue(accuracy > 0.75, "test accuracy after one epoch: " + accuracy);
        assertEquals(469L, ((Number) m.get("grad_calls")).longValue(), "60000 / 128 rounded up");
        String provenance = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> Files.readString(out.resolve("provenance.json")));
        assertTrue(provenance.contains("train-images-idx3-ubyte.gz"), "data checksums are recorded: " + provenance);
    }
}
