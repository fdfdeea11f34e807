package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Integers in a sweep spec are read exactly: a value beyond 64 bits is refused naming its field, never wrapped
 * to its low 64 bits (18446744073709551617 = 2^64 + 1 used to be planned as 1), and seeds that are equal once
 * parsed are refused as duplicates.
 */
class ExactIntegersTest {

    static String spec(String seeds, String budget, String batch) {
        return "study: ints\nmodels: [mlp]\nmethods: [sgd]\nseeds: " + seeds + "\nbudget: " + budget
                + "\nbatch_size: " + batch + "\nevaluation: {sharpness_examples: 0, hessian_iterations: 0}\n";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[0, 1]|{gradient_calls: 18446744073709551617}|50|budget.gradient_calls|18446744073709551617",
        "[0, 1]|{gradient_calls: 99999999999999999999999}|50|budget.gradient_calls|99999999999999999999999",
        "[0, 18446744073709551617]|{epochs: 1}|50|seeds|18446744073709551617",
        "[0, -9223372036854775809]|{epochs: 1}|50|seeds|-9223372036854775809",
        "18446744073709551617|{epochs: 1}|50|seeds|18446744073709551617",
        "[0]|{epochs: 18446744073709551617}|50|budget.epochs|18446744073709551617",
        "[0]|{epochs: 4294967297}|50|budget.epochs|4294967297",
        "[0]|{epochs: 1}|4294967346|batch_size|4294967346",
    })
    void tooLargeIntegersAreRefusedNamingTheField(String seeds, String budget, String batch, String field, String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(spec(seeds, budget, batch)));
        assertEquals(field, e.parameter());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void theLargestLongIsStillAccepted() {
        SweepSpec s = SweepSpec.parse(spec("[9223372036854775807, -9223372036854775808]", "{epochs: 1}", "50"));
        assertEquals(java.util.List.of(Long.MAX_VALUE, Long.MIN_VALUE),
                s.plan().runs().stream().map(r -> r.spec().seed()).toList());
    }

    @Test
    void seedsEqualOnceParsedAreDuplicates() {
        // 0x1 is YAML 1.1's hexadecimal 1
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(spec("[1, 0x1]", "{epochs: 1}", "50")));
        assertEquals("seeds", e.parameter());
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
}
