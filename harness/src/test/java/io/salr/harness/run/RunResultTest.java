package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Metric;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A result records its outcome as its status and its metrics as typed values; results written before still read. */
class RunResultTest {

    /** A committed result.json of the text study, written when results still carried {@code diverged: 0}. */
    private static final Path OLD = Path.of("..", "results", "paper-text", "store", "runs", "e9a93bdf68d61f9c", "result.json");

    @Test
    void anOldResultReadsWithItsStatusAndWithoutTheZeroOneFlags() {
        Map<String, Object> old = RunFolder.readJson(OLD);
        assertEquals(0, ((Map<?, ?>) old.get("metrics")).get("diverged"), "the committed file holds the old flag");
        RunResult r = RunResult.fromMap(old);
        assertEquals(RunStatus.COMPLETED, r.status());
        assertFalse(r.metrics().keySet().stream().anyMatch(m -> m.kind() == Metric.Kind.OUTCOME), r.metrics().toString());
        assertEquals(((Number) ((Map<?, ?>) old.get("metrics")).get("grad_calls")).doubleValue(),
                r.metric(Metric.GRAD_CALLS).orElseThrow());
        // written again, it has every metric but the flag, and the same details
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) r.toMap().get("metrics");
        Map<String, Object> expected = new java.util.LinkedHashMap<>((Map<String, Object>) old.get("metrics"));
        expected.remove("diverged");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(assertDoesNotThrow(() -> json.writeValueAsString(expected)),
                assertDoesNotThrow(() -> json.writeValueAsString(again)), "the same JSON, counts as integers");
        assertEquals(old.get("method"), r.toMap().get("method"), "the details are kept as written, old keys and all");
    }

    @Test
    void aCollapsedRunsFlagIsItsStatus() {
        Map<String, Object> old = Map.of("id", "0123456789abcdef", "status", "collapsed", "cause", "chance level",
                "metrics", Map.of("test_accuracy", 0.1, "diverged", 0, "collapsed", 1, "grad_calls", 12));
        RunResult r = RunResult.fromMap(old);
        assertEquals(RunStatus.COLLAPSED, r.status());
        assertEquals(Map.of(Metric.TEST_ACCURACY, 0.1, Metric.GRAD_CALLS, 12.0), r.metrics());
    }

    @Test
    void aResultRefusesOutcomeFlagsAndUnknownMetrics() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RunResult("0123456789abcdef",
                RunStatus.DIVERGED, Optional.empty(), Optional.empty(), OptionalLong.of(3), Map.of(Metric.DIVERGED, 1.0), Map.of()));
        assertEquals("metrics.diverged", e.parameter());
        assertEquals("result.metrics.accuracy", assertThrows(InvalidParameterException.class, () -> RunResult.fromMap(Map.of(
                "id", "0123456789abcdef", "status", "completed", "metrics", Map.of("accuracy", 0.5)))).parameter());
        assertEquals(Map.of(), RunResult.failed("0123456789abcdef", "boom", RunResult.FailureKind.DETERMINISTIC, Map.of())
                .metrics(), "a failed run has no metrics, no diverged: 0");
    }

    /**
     * result.json's meter readings are written in snake case like every other key; a committed result holds them in
     * the camelCase of earlier versions, and reads to the same counts.
     */
    @Test
    void meterReadingsAreWrittenInSnakeCaseAndReadInBothForms() {
        Map<String, Object> old = RunFolder.readJson(OLD);
        Map<?, ?> oldSpent = (Map<?, ?>) old.get("spent");
        assertTrue(oldSpent.containsKey("gradientCalls"), "the committed file holds the old keys: " + oldSpent);
        RunResult r = RunResult.fromMap(old);
        io.salr.optimizers.meter.MeterReading spent = r.spent().orElseThrow();
        assertEquals(((Number) oldSpent.get("gradientCalls")).longValue(), spent.gradientCalls());
        assertEquals(((Number) oldSpent.get("forwardExamples")).longValue(), spent.forwardExamples());
        assertTrue(r.evaluationPasses().isPresent());
        assertFalse(r.details().containsKey("spent"), "the counts are typed, not details");
        Map<String, Object> written = r.toMap();
        for (String key : new String[] {"spent", "evaluation_passes"}) {
            Map<?, ?> counts = (Map<?, ?>) written.get(key);
            assertEquals(java.util.List.of("gradient_calls", "gradient_examples", "forward_calls", "forward_examples"),
                    java.util.List.copyOf(counts.keySet().stream().map(String::valueOf).toList()), key);
        }
        // and the new form reads back to the same result
        assertEquals(r, RunResult.fromMap(written));
        InvalidParameterException bad = assertThrows(InvalidParameterException.class, () -> RunResult.fromMap(Map.of(
                "id", "0123456789abcdef", "status", "completed", "spent", Map.of("gradient_calls", 1.5))));
        assertEquals("result.spent.gradient_calls", bad.parameter());
    }
}
