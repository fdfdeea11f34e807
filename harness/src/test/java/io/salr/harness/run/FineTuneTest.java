package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning (Table VI): a run that keeps its weights, and a run that starts from them with a fresh output layer.
 * Tiny MLPs with BatchNorm on synthetic Fashion-MNIST files, so that running statistics are copied too.
 */
@Tag("slow")
class FineTuneTest {

    @TempDir
    static Path data;
    @TempDir
    static Path runs;
    static Path source;

    static final List<Integer> FIRST = List.of(0, 1, 2, 3, 4);
    static final List<Integer> SECOND = List.of(5, 6, 7, 8, 9);

    static RunSpec spec(List<Integer> classes, int hidden, String arch, long seed) {
        return new RunSpec("finetune", new DataSpec("fashion-mnist", 0, DataSpec.SubsetMode.STRATIFIED, 0).withClasses(classes),
                new ModelOptions(arch, 0.0, true, 1.0, hidden), MethodSpec.resolve(Method.SGD, Map.of("lr", 0.05)),
                EngineChoice.DL4J, seed, 32, Budget.epochs(1), new EvaluationSpec(0, 0.01, 2, 2, 0));
    }

    static Trainer.Options options(Path... sources) {
        return Trainer.Options.defaults().withDataDir(Optional.of(data)).withInitSources(List.of(sources));
    }

    @BeforeAll
    static void pretrain() throws IOException {
        SyntheticFashionMnist.write(data, 400, 100, 3);
        RunSpec pre = spec(FIRST, 12, "mlp", 0).withWeights(RunWeights.NONE.saving(true));
        source = runs.resolve("pre");
        assertEquals(RunStatus.COMPLETED, Trainer.run(pre, new RunFolder(source), options()).status());
    }

    @Test
    void aRunThatKeepsItsWeightsWritesThemAndOthersDoNot() throws IOException {
        FinalWeights w = FinalWeights.read(source.resolve("weights.bin"));
        assertEquals(InitFrom.idOf(source), w.runId());
        assertEquals(w.params().length, w.layout().stream().mapToLong(ParameterBlock::length).sum());
        assertTrue(w.layout().stream().anyMatch(b -> !b.trainable()), "BatchNorm's running statistics are in the file");
        // 8 bytes a parameter, a header, the layout and a digest
        assertTrue(Files.size(source.resolve("weights.bin")) > 8L * w.params().length);
        Path plain = runs.resolve("plain");
        Trainer.run(spec(FIRST, 12, "mlp", 0), new RunFolder(plain), options());
        assertFalse(Files.exists(plain.resolve("weights.bin")), "a run not asked to keep its weights keeps none");
    }

    @Test
    void everyParameterButTheOutputLayerIsCopiedAndTheHeadComesFromTheRunsSeed() {
        String id = InitFrom.idOf(source);
        FinalWeights w = FinalWeights.read(source.resolve("weights.bin"));
        RunSpec tune = spec(SECOND, 12, "mlp", 4).withWeights(RunWeights.NONE.from(id));
        Trainer.Setup s = Trainer.setup(tune, options(source));
        double[] p = s.model().params().toDoubleArray();
        List<ParameterBlock> layout = s.model().layout();
        int head = InitFrom.headStart(layout);
        assertTrue(head > 0 && head < layout.size());
        long copied = layout.get(head).offset();
        assertArrayEquals(Arrays.copyOf(w.params(), (int) copied), Arrays.copyOf(p, (int) copied),
                "every parameter before the output layer, running statistics included, bit for bit");
        assertEquals(copied, s.initSource().orElseThrow().copied());
        // the head: this run's fresh initialization, the one it would have without init_from
        double[] fresh = Trainer.setup(spec(SECOND, 12, "mlp", 4), options()).model().params().toDoubleArray();
        assertArrayEquals(Arrays.copyOfRange(fresh, (int) copied, fresh.length), Arrays.copyOfRange(p, (int) copied, p.length));
        // deterministic by seed: the same spec again gives the same vector; another seed another head, the same body
        assertArrayEquals(p, Trainer.setup(tune, options(source)).model().params().toDoubleArray());
        double[] other = Trainer.setup(spec(SECOND, 12, "mlp", 5).withWeights(RunWeights.NONE.from(id)), options(source))
                .model().params().toDoubleArray();
        assertArrayEquals(Arrays.copyOf(p, (int) copied), Arrays.copyOf(other, (int) copied));
        assertFalse(Arrays.equals(Arrays.copyOfRange(p, (int) copied, p.length), Arrays.copyOfRange(other, (int) copied, p.length)));
        // the output layer is sized to the new label set
        assertEquals(5, s.train().numClasses());
    }

    @Test
    void aFineTunedRunRecordsItsSourceInItsProvenance() throws IOException {
        String id = InitFrom.idOf(source);
        Path out = runs.resolve("tuned");
        RunResult r = Trainer.run(spec(SECOND, 12, "mlp", 1).withWeights(RunWeights.NONE.from(id)), new RunFolder(out), options(source));
        assertEquals(RunStatus.COMPLETED, r.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> from = (Map<String, Object>) RunFolder.readJson(out.resolve("provenance.json")).get("initFrom");
        assertEquals(id, from.get("run"));
        assertEquals(source.toAbsolutePath().normalize().toString(), from.get("folder"));
        assertEquals(FinalWeights.sha256Hex(source.resolve("weights.bin")), from.get("weights_sha256"));
        assertEquals(FinalWeights.sha256Hex(source.resolve("result.json")), from.get("result_sha256"));
        assertEquals(id, RunFolder.readJson(out.resolve("spec.json")).get("init_from"));
    }

    private static void refused(Runnable r, String... fragments) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage() + " should contain " + f);
        }
    }

    @Test
    void badSourcesAreRefusedNamingTheFieldAndTheValueBeforeAnythingIsWritten() throws IOException {
        String id = InitFrom.idOf(source);
        Path missing = runs.resolve("no-such-run");
        refused(() -> InitFrom.idOf(missing), "init_from", missing.toString(), "is not a folder");
        // a source that kept no weights
        Path plain = runs.resolve("no-weights");
        RunSpec plainSpec = spec(FIRST, 12, "mlp", 2);
        Trainer.run(plainSpec, new RunFolder(plain), options());
        Path target = runs.resolve("target-1");
        refused(() -> Trainer.run(spec(SECOND, 12, "mlp", 1).withWeights(RunWeights.NONE.from(plainSpec.id())),
                new RunFolder(target), options(plain)), "init_from", "kept no weights", "save_weights");
        assertFalse(Files.exists(target), "nothing is written for a refused source");
        // a source that has not finished, and one that did not complete
        Path unfinished = runs.resolve("unfinished");
        RunSpec unfinishedSpec = spec(FIRST, 12, "mlp", 3);
        new RunFolder(unfinished).claim(unfinishedSpec);
        refused(() -> Trainer.run(spec(SECOND, 12, "mlp", 1).withWeights(RunWeights.NONE.from(unfinishedSpec.id())),
                new RunFolder(target), options(unfinished)), "init_from", unfinished.toString(), "has not finished");
        Path diverged = runs.resolve("diverged");
        Files.createDirectories(diverged);
        for (String f : List.of("spec.json", "weights.bin")) {
            Files.copy(source.resolve(f), diverged.resolve(f));
        }
        Files.writeString(diverged.resolve("result.json"), Files.readString(source.resolve("result.json"))
                .replace("\"status\" : \"completed\"", "\"status\" : \"diverged\""));
        assertTrue(Files.readString(diverged.resolve("result.json")).contains("\"status\" : \"diverged\""));
        refused(() -> Trainer.run(spec(SECOND, 12, "mlp", 1).withWeights(RunWeights.NONE.from(id)), new RunFolder(target),
                options(diverged)), "init_from", "did not complete", "diverged");
        // another network: another width, another architecture
        refused(() -> Trainer.run(spec(SECOND, 24, "mlp", 1).withWeights(RunWeights.NONE.from(id)), new RunFolder(target),
                options(source)), "init_from", id, "another network", "only the output layer may differ");
        refused(() -> Trainer.run(spec(SECOND, 12, "lenet", 1).withWeights(RunWeights.NONE.from(id)), new RunFolder(target),
                options(source)), "init_from", "of model mlp", "lenet");
        // no folder holds the source
        refused(() -> Trainer.run(spec(SECOND, 12, "mlp", 1).withWeights(RunWeights.NONE.from("0123456789abcdef")),
                new RunFolder(target), options(source)), "init_from", "0123456789abcdef", "names no run folder");
        assertFalse(Files.exists(target), "nothing is written for a refused source");
        // a class the data set does not have
        refused(() -> Trainer.setup(spec(List.of(8, 9, 10), 12, "mlp", 1), options()), "data.classes", "10");
    }

    @Test
    void classesSelectAndRelabelTheirExamples() {
        Trainer.Setup s = Trainer.setup(spec(List.of(9, 5), 12, "mlp", 0), options());
        Trainer.Setup all = Trainer.setup(spec(List.of(), 12, "mlp", 0), options());
        assertEquals(2, s.train().numClasses());
        int[] counts = ((io.salr.datasets.real.LabeledData) all.train()).classCounts();
        assertEquals(counts[9] + counts[5], s.train().size());
        assertEquals(counts[9], ((io.salr.datasets.real.LabeledData) s.train()).classCounts()[0], "class 9 is label 0");
    }

    @Test
    void theRunIdChangesWithInitFromClassesAndSaveWeightsAndOnlyThen() {
        RunSpec base = spec(List.of(), 12, "mlp", 0);
        Map<String, Object> m = base.toMap();
        assertFalse(m.containsKey("init_from") || m.containsKey("save_weights"));
        assertFalse(((Map<?, ?>) m.get("data")).containsKey("classes"));
        List<RunSpec> variants = List.of(base, base.withData(base.data().withClasses(SECOND)),
                base.withData(base.data().withClasses(List.of(9, 8, 7, 6, 5))),
                base.withWeights(RunWeights.NONE.from("0123456789abcdef")), base.withWeights(RunWeights.NONE.from("fedcba9876543210")),
                base.withWeights(RunWeights.NONE.saving(true)));
        assertEquals(variants.size(), variants.stream().map(RunSpec::id).distinct().count());
        for (RunSpec v : variants) {
            RunSpec back = RunSpec.fromJson(v.canonicalJson());
            assertEquals(v.id(), back.id(), "the codec carries the fields to a worker");
            assertEquals(v.weights(), back.weights());
            assertEquals(v.data().classes(), back.data().classes());
        }
        assertNotEquals(base.id(), base.withWeights(RunWeights.NONE.from("0123456789abcdef")).id());
        refused(() -> RunWeights.NONE.from("not-a-run"), "init_from", "not-a-run");
        refused(() -> base.data().withClasses(List.of(3)), "data.classes");
        refused(() -> base.data().withClasses(List.of(3, 3)), "data.classes", "twice");
    }
}
