package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunSpec;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The serialized run spec a sweep sends to its workers reads back to the same run, and the thread field. */
class RunSpecCodecTest {

    @Test
    void everyPlannedRunOfEveryPresetReadsBackToItsId() throws Exception {
        int checked = 0;
        for (String name : Presets.names()) {
            String text = Files.readString(Presets.file(name));
            SweepPlan plan = TunedStudy.isTuned(text) ? TunedStudy.parse(text).tuningSpec().plan() : SweepSpec.parse(text).plan();
            for (SweepPlan.PlannedRun r : plan.runs()) {
                RunSpec back = RunSpec.fromJson(r.spec().canonicalJson());
                assertEquals(r.spec(), back, name);
                assertEquals(r.id(), back.id(), name);
                // and through the worker's request line
                WorkerMain.Request q = WorkerMain.Request.parse(new WorkerMain.Request(r.id(), r.spec().toMap(), Optional.of(3),
                        "tok", Duration.ofSeconds(7), Optional.of("took over")).toLine());
                assertEquals(r.id(), RunSpec.fromMap(q.spec()).id(), name);
                assertEquals(Optional.of(3), q.claimGeneration());
                assertEquals(Duration.ofSeconds(7), q.claimTimeout());
                assertEquals(Optional.of("took over"), q.note());
                checked++;
            }
        }
        assertTrue(checked > 100, "runs checked: " + checked);
    }

    @Test
    void thePinnedRunKeepsItsIdAndTheDefaultThreadsStayOutOfIt() throws Exception {
        SweepPlan plan = SweepSpec.parse(Files.readString(Path.of("..", "ci", "pinned", "sweep.yaml"))).plan();
        RunSpec pinned = plan.runs().get(0).spec();
        String recorded = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("..", "ci", "pinned", "expected.json").toFile()).get("run_id").asText();
        assertEquals(recorded, pinned.id(), "ci/pinned/expected.json's run id");
        assertEquals(1, pinned.threads(), "an MLP run computes with one thread by default");
        assertFalse(pinned.toMap().containsKey("threads"));

        RunSpec two = pinned.withThreads(2);
        assertNotEquals(pinned.id(), two.id(), "another thread count is another run");
        assertEquals(2, two.toMap().get("threads"));
        assertEquals(two, RunSpec.fromJson(two.canonicalJson()));
        assertEquals(pinned, RunSpec.fromJson(two.withThreads(1).canonicalJson()));
        assertEquals(2, io.salr.harness.run.ModelOptions.of("lenet").defaultThreads());
        assertThrows(InvalidParameterException.class, () -> pinned.withThreads(0));
    }

    @Test
    void aSweepSpecMaySetEveryRunsThreads() throws Exception {
        String yaml = Files.readString(Path.of("..", "ci", "pinned", "sweep.yaml"));
        RunSpec pinned = SweepSpec.parse(yaml).plan().runs().get(0).spec();
        RunSpec two = SweepSpec.parse(yaml + "threads: 2\n").plan().runs().get(0).spec();
        assertEquals(2, two.threads());
        assertEquals(pinned.withThreads(2), two);
        assertEquals(pinned.id(), SweepSpec.parse(yaml + "threads: 1\n").plan().runs().get(0).id(), "the default, written out");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(yaml + "threads: 0\n"));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void aSpecThatDoesNotReadBackIsRefusedNamingTheField() throws Exception {
        RunSpec pinned = SweepSpec.parse(Files.readString(Path.of("..", "ci", "pinned", "sweep.yaml"))).plan().runs().get(0).spec();
        Map<String, Object> extra = new LinkedHashMap<>(pinned.toMap());
        extra.put("colour", "blue");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> RunSpec.fromMap(extra));
        assertTrue(e.getMessage().contains("spec.colour"), e.getMessage());

        Map<String, Object> noSeed = new LinkedHashMap<>(pinned.toMap());
        noSeed.remove("seed");
        e = assertThrows(InvalidParameterException.class, () -> RunSpec.fromMap(noSeed));
        assertTrue(e.getMessage().contains("spec.seed"), e.getMessage());

        // the default thread count written out would give the run another id: refused
        Map<String, Object> explicit = new LinkedHashMap<>(pinned.toMap());
        explicit.put("threads", 1);
        e = assertThrows(InvalidParameterException.class, () -> RunSpec.fromMap(explicit));
        assertTrue(e.getMessage().contains("does not read back"), e.getMessage());
    }
}
