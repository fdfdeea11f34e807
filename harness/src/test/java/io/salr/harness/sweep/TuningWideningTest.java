package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuned study's tuning grid may grow after some tuning runs have finished, and only grow. */
class TuningWideningTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T03:30:00Z"), ZoneOffset.UTC);

    /** The study with the given learning-rate grid for SGD and tuning seeds. */
    static TunedStudy study(String rates, String seeds) {
        return TunedStudy.parse("""
                study: widen
                models: [mlp]
                methods: [sgd, sam]
                seeds: [1, 2]
                budget: {epochs: 1, of: sgd}
                data: {train_subset: 300, test_subset: 100}
                batch_size: 50
                model_options: {hidden: 16}
                tuning:
                  validation: {examples: 60, seed: 77}
                  seeds: %s
                  budget: {epochs: 1, of: sgd}
                  grid:
                    sgd: {lr: %s}
                    sam: {lr: %s}
                """.formatted(seeds, rates, rates));
    }

    /** A tuning store as the study's first sweep leaves it, with the first run finished. */
    private static Store startedTuning(Path root, TunedStudy s) {
        Store tuning = new Store(root.resolve("tuning"));
        tuning.prepare(s.tuningSpec().plan(), s.tuningYaml());
        SweepPlan.PlannedRun first = s.tuningSpec().plan().runs().get(0);
        tuning.folder(first.id()).claim(first.spec());
        RunFolder.writeJson(tuning.folder(first.id()).result(),
                Map.of("id", first.id(), "status", "completed", "metrics", Map.of("test_accuracy", 0.5)));
        return tuning;
    }

    private static Set<String> ids(TunedStudy s) {
        return s.tuningSpec().plan().runs().stream().map(SweepPlan.PlannedRun::id).collect(Collectors.toSet());
    }

    @Test
    void aGrownGridReplacesTheStoredTuningSpecKeepsEveryRunAndIsLogged(@TempDir Path root) throws IOException {
        TunedStudy before = study("[0.1, 0.2]", "[9]");
        Store tuning = startedTuning(root, before);
        TunedStudy after = study("[0.1, 0.2, 0.4]", "[9, 10]");
        assertFalse(tuning.acceptsSpec(after.tuningYaml()), "without widening the store refuses the grown grid");
        assertTrue(ids(after).containsAll(ids(before)), "a run's id does not depend on the grid");

        Optional<String> line = TuningWidening.apply(after, root, CLOCK);

        assertEquals(Optional.of("2026-12-08T03:30:00Z: the tuning plan grew from 4 to 12 runs (1 of them finished, and kept); added:"
                + " sgd lr [0.4]; sam lr [0.4]; seeds [10]"), line);
        assertEquals(after.tuningYaml(), Files.readString(tuning.sweepYaml()));
        assertTrue(tuning.acceptsSpec(after.tuningYaml()));
        assertEquals(List.of(line.get()), Files.readAllLines(tuning.root().resolve(TuningWidening.LOG)));
        // the finished run is still there and still counts
        assertTrue(tuning.result(before.tuningSpec().plan().runs().get(0).id()).isPresent());
        // a second call finds nothing to change and logs nothing
        assertEquals(Optional.empty(), TuningWidening.apply(after, root, CLOCK));
        assertEquals(1, Files.readAllLines(tuning.root().resolve(TuningWidening.LOG)).size());
    }

    @Test
    void aGridThatDropsSettingsIsRefusedAndNothingIsWritten(@TempDir Path root) throws IOException {
        TunedStudy before = study("[0.1, 0.2]", "[9]");
        Store tuning = startedTuning(root, before);
        String stored = Files.readString(tuning.sweepYaml());
        // one value more and one value fewer: the run at lr 0.1 would leave the study after its result is known
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TuningWidening.apply(study("[0.2, 0.4]", "[9]"), root, CLOCK));
        assertEquals("widen-tuning", e.parameter());
        assertTrue(e.getMessage().contains("leaves out 2 of the 4 stored runs"), e.getMessage());
        assertEquals(stored, Files.readString(tuning.sweepYaml()));
        assertFalse(Files.exists(tuning.root().resolve(TuningWidening.LOG)));
        // fewer tuning seeds drop runs too
        assertThrows(InvalidParameterException.class, () -> TuningWidening.apply(study("[0.1, 0.2]", "[10]"), root, CLOCK));
        assertEquals(stored, Files.readString(tuning.sweepYaml()));
    }

    @Test
    void noGridMayGrowOnceTheFinalStageHasStarted(@TempDir Path root) throws IOException {
        TunedStudy before = study("[0.1, 0.2]", "[9]");
        Store tuning = startedTuning(root, before);
        String stored = Files.readString(tuning.sweepYaml());
        Files.writeString(root.resolve("sweep.yaml"), before.finalYaml(Map.of()));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TuningWidening.apply(study("[0.1, 0.2, 0.4]", "[9]"), root, CLOCK));
        assertEquals("widen-tuning", e.parameter());
        assertTrue(e.getMessage().contains("final stage has started"), e.getMessage());
        assertEquals(stored, Files.readString(tuning.sweepYaml()));
    }

    @Test
    void nothingChangesWithoutAStoredTuningStageOrWithTheSameSpec(@TempDir Path root) throws IOException {
        TunedStudy s = study("[0.1, 0.2]", "[9]");
        assertEquals(Optional.empty(), TuningWidening.apply(s, root, CLOCK));
        assertFalse(Files.exists(root.resolve("tuning")));
        startedTuning(root, s);
        assertEquals(Optional.empty(), TuningWidening.apply(study("[0.1, 0.2]", "[9]"), root, CLOCK));
        assertFalse(Files.exists(root.resolve("tuning").resolve(TuningWidening.LOG)));
    }

    @Test
    void aStudyRunWithAGrownGridIsRefusedWithTheWayOut(@TempDir Path root, @TempDir Path data) throws IOException {
        SyntheticFashionMnistAccess.write(data, 600, 200, 5);
        Store tuning = startedTuning(root, study("[0.1, 0.2]", "[9]"));
        String stored = Files.readString(tuning.sweepYaml());
        StringWriter log = new StringWriter();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> study("[0.1, 0.2, 0.4]", "[9]")
                .run(root, SweepRunner.Options.inProcess(new PrintWriter(log)).withDataDir(Optional.of(data)), new PrintWriter(log)));
        assertEquals("store", e.parameter());
        assertTrue(e.getMessage().contains("--widen-tuning"), e.getMessage());
        assertEquals(stored, Files.readString(tuning.sweepYaml()));
    }
}
