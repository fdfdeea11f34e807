package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.sweep.SweepSpec;
import io.salr.harness.sweep.TunedStudy;
import io.salr.harness.sweep.TunedStudyTest;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluation.epoch_train_examples}: the end-of-epoch training curve measured on the first N training
 * examples. It costs N forward examples per epoch instead of the whole set, leaves training and the final metrics
 * untouched, and enters a spec (and its id) only when set.
 */
@Tag("slow")
class EpochCurveSubsetTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        SyntheticFashionMnist.write(data, 600, 200, 1);
    }

    static RunSpec spec(int epochTrainExamples) {
        return new RunSpec("test", new DataSpec("fashion-mnist", 320, DataSpec.SubsetMode.STRATIFIED, 100),
                new ModelOptions("mlp", 0.0, false, 1.0, 16), MethodSpec.resolve(Method.parse("method", "sgd"), Map.of()),
                EngineChoice.DL4J, 3, 32, Budget.epochs(3), new EvaluationSpec(64, 0.01, 2, 2, 3, epochTrainExamples));
    }

    @SuppressWarnings("unchecked")
    private static long evaluationForwardExamples(Map<String, Object> result) {
        return ((Number) ((Map<String, Object>) result.get("evaluation_passes")).get("forward_examples")).longValue();
    }

    /** One column of epochs.csv, as text. */
    private static List<String> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int i = List.of(lines.get(0).split(",")).indexOf(name);
        return lines.stream().skip(1).map(l -> l.split(",", -1)[i]).toList();
    }

    @Test
    void theCurveOnASubsetCostsLessAndChangesNothingElse(@TempDir Path out) throws IOException {
        Trainer.Options options = Trainer.Options.defaults().withDataDir(java.util.Optional.of(data));
        Map<String, Object> whole = Trainer.run(spec(0), new RunFolder(out.resolve("whole")), options).toMap();
        Map<String, Object> subset = Trainer.run(spec(64), new RunFolder(out.resolve("subset")), options).toMap();
        assertEquals("completed", whole.get("status"));
        assertEquals("completed", subset.get("status"));
        // 3 epochs, each measured on 64 of the 320 training examples instead of all of them
        assertEquals(3 * (320 - 64), evaluationForwardExamples(whole) - evaluationForwardExamples(subset));
        // the evaluation never touches training: the same trajectory, the same final metrics (measured on the whole set)
        Map<String, Object> a = TrainerTest.metricsWithoutTime(whole);
        Map<String, Object> b = TrainerTest.metricsWithoutTime(subset);
        assertEquals(a, b);
        assertEquals(Files.readString(out.resolve("whole/iterations.csv")), Files.readString(out.resolve("subset/iterations.csv")));
        assertEquals(column(out.resolve("whole/epochs.csv"), "test_loss"), column(out.resolve("subset/epochs.csv"), "test_loss"));
        // the training curve is the subset's
        assertNotEquals(column(out.resolve("whole/epochs.csv"), "train_loss"), column(out.resolve("subset/epochs.csv"), "train_loss"));
    }

    @Test
    void theFieldEntersASpecAndItsIdOnlyWhenSet() {
        RunSpec plain = spec(0);
        RunSpec subset = spec(64);
        assertFalse(plain.canonicalJson().contains("epoch_train_examples"), plain.canonicalJson());
        assertTrue(subset.canonicalJson().contains("\"epoch_train_examples\":64"), subset.canonicalJson());
        assertNotEquals(plain.id(), subset.id());
        // the worker's codec reads it back to the same spec
        assertEquals(subset, RunSpecCodec.read(subset.canonicalJson()));
        assertEquals(plain, RunSpecCodec.read(plain.canonicalJson()));
    }

    @Test
    void aSweepSpecAndATunedStudysStagesCarryIt() throws IOException {
        String yaml = """
                study: curve
                models: [mlp]
                methods: [sgd]
                seeds: 1
                budget: {epochs: 1, of: sgd}
                data: {train_subset: 100, test_subset: 50}
                evaluation: {epoch_train_examples: 40}
                """;
        SweepSpec spec = SweepSpec.parse(yaml);
        assertEquals(40, spec.plan().runs().get(0).spec().evaluation().epochTrainExamples());
        assertEquals(spec, SweepSpec.parse(spec.toYaml()));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(yaml.replace("epoch_train_examples: 40", "epoch_train_examples: -1")));
        assertTrue(e.getMessage().contains("evaluation.epoch_train_examples"), e.getMessage());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        // a tuned study's tuning stage drops the final curvature measures but keeps the study's curve setting
        TunedStudy study = TunedStudy.parse(TunedStudyTest.STUDY.replace("evaluation: {", "evaluation: {epoch_train_examples: 30, "));
        assertEquals(30, study.tuningSpec().evaluation().epochTrainExamples());
        assertEquals(0, study.tuningSpec().evaluation().sharpnessExamples());
    }
}
