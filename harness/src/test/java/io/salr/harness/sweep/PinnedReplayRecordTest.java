package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.harness.run.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed pinned record was written when results still held {@code diverged: 0}; a result now records its
 * outcome as its status alone, and the replay (which compares only completed runs) reads the old flag as that status.
 */
class PinnedReplayRecordTest {

    @Test
    void theCommittedRecordsZeroFlagIsTheCompletedStatus() {
        Map<String, Object> recorded = RunFolder.readJson(Path.of("..", "ci", "pinned", "expected.json"));
        assertEquals(0, ((Map<?, ?>) recorded.get("metrics")).get("diverged"), "the record holds the old flag");
        Map<String, Object> read = PinnedReplay.withoutOutcomeFlags(recorded);
        @SuppressWarnings("unchecked")
        Map<String, Object> observed = new java.util.TreeMap<>((Map<String, Object>) read.get("metrics"));
        assertEquals(List.of(), PinnedReplay.compare(Map.of("metrics", read.get("metrics")), Map.of("metrics", observed)));
        assertEquals(false, observed.containsKey("diverged"));
        assertEquals(((Map<?, ?>) recorded.get("metrics")).size() - 1, observed.size(), "only the flag is dropped");
    }

    @Test
    void aFlagThatIsNotZeroIsStillADifference() {
        Map<String, Object> recorded = Map.of("metrics", Map.of("diverged", 1, "test_accuracy", 0.5));
        List<String> differences = PinnedReplay.compare(PinnedReplay.withoutOutcomeFlags(recorded),
                Map.of("metrics", Map.of("test_accuracy", 0.5)));
        assertEquals(1, differences.size(), differences.toString());
    }
}
