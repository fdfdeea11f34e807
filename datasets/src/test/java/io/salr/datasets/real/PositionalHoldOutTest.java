package io.salr.datasets.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;

class PositionalHoldOutTest {

    private static CharSequenceData text(int length, int sequenceLength) {
        int[] symbols = new int[length];
        for (int i = 0; i < length; i++) {
            symbols[i] = i % 7;
        }
        return new CharSequenceData("t/train", CharVocabulary.of(new int[] {'a', 'b', 'c', 'd', 'e', 'f', 'g'}),
                symbols, sequenceLength);
    }

    @Test
    void theLastSequencesAreHeldOutInTextOrderAndTheRestComeBeforeThem() {
        CharSequenceData data = text(41, 4); // (41 - 1) / 4 = 10 sequences, starting at 0, 4, ..., 36
        PositionalHoldOut.Split split = PositionalHoldOut.of(data, 3);
        assertEquals(7, split.train().size());
        assertEquals(3, split.validation().size());
        for (int i = 0; i < 7; i++) {
            assertEquals(4 * i, split.train().start(i));
        }
        assertEquals(28, split.validation().start(0));
        assertEquals(36, split.validation().start(2));
        assertArrayEquals(data.targets(9), split.validation().targets(2));
        int lastTrainEnd = split.train().start(6) + 4; // the last target position of the training part
        assertTrue(lastTrainEnd <= split.validation().start(0), "validation starts where training stops");
    }

    @Test
    void aHoldOutOfNothingOrOfEverythingIsRefusedNamingTheField() {
        CharSequenceData data = text(41, 4);
        for (int n : new int[] {0, 10, 11}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> PositionalHoldOut.of(data, n));
            assertEquals("data.validation.examples", e.parameter());
            assertEquals(String.valueOf(n), e.value());
        }
    }
}
