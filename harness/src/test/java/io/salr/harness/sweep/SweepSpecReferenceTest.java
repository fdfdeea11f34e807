package io.salr.harness.sweep;

import io.salr.optimizers.spec.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sweep spec may name the reference method of its report; it must be one of its methods. */
class SweepSpecReferenceTest {

    private static final String SPEC = """
            study: ref
            models: [mlp]
            methods: [sgd, sgd-salr]
            grid: {gamma: [0.005, 0.01]}
            seeds: 2
            budget: {epochs: 1, of: sgd}
            data: {train_subset: 100, test_subset: 50}
            """;

    @Test
    void theReferenceIsOptionalAndRecorded() {
        assertEquals(Optional.empty(), SweepSpec.parse(SPEC).reference());
        assertEquals(Optional.of(Method.SGD), SweepSpec.parse(SPEC + "reference: sgd\n").reference());
    }

    @Test
    void aReferenceOutsideTheMethodsIsRefused() {
        var e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(SPEC + "reference: adam\n"));
        assertTrue(e.getMessage().contains("reference") && e.getMessage().contains("adam"), e.getMessage());
    }

    @Test
    void theGammaPresetComparesEveryGammaAgainstSgd() throws java.io.IOException {
        SweepSpec gamma = SweepSpec.parse(java.nio.file.Files.readString(Presets.file("gamma")));
        assertEquals(Optional.of(Method.SGD), gamma.reference());
        assertTrue(gamma.methods().contains(Method.SGD));
    }
}
