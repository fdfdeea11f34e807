package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.sweep.SweepSpec;
import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;

class EvaluationSpecTest {

    @Test
    void aProbeWithoutStepsIsRefusedWhenTheSharpnessIsMeasured() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new EvaluationSpec(1000, 0.01, 0, 0, 100));
        assertTrue(e.getMessage().contains("evalN1/evalN2"), e.getMessage());
        assertTrue(e.getMessage().contains("0/0"), e.getMessage());
    }

    @Test
    void noStepsAreAllowedWhenTheSharpnessIsSkipped() {
        EvaluationSpec skip = new EvaluationSpec(0, 0.01, 0, 0, 100);
        assertEquals(0, skip.sharpnessExamples());
        // one-sided probes stay legal (Definition 1 allows n1 = 0 or n2 = 0)
        assertEquals(3, new EvaluationSpec(1000, 0.01, 0, 3, 100).n2());
    }

    @Test
    void aSweepSpecWithoutProbeStepsIsRefusedAtParseTimeNotAfterTraining() {
        String yaml = """
                study: no-steps
                datasets: [fashion-mnist]
                models: [mlp]
                methods: [sgd]
                seeds: [1]
                budget: {epochs: 1}
                evaluation: {n1: 0, n2: 0}
                """;
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(yaml));
        assertTrue(e.getMessage().contains("evalN1/evalN2"), e.getMessage());
    }
}
