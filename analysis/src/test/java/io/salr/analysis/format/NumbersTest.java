package io.salr.analysis.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salr.analysis.output.Csv;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void sixSignificantDigitsPlainInTheMiddleRange() {
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("0.908333", Numbers.format(0.90833333333));
        assertEquals("-0.0023", Numbers.format(-0.0023));
        assertEquals("1234570", Numbers.format(1234567.89));
        assertEquals("0.0001", Numbers.format(1e-4));
        assertEquals("42", Numbers.format(42.0));
        assertEquals("0.125", Numbers.format(0.125));
        assertEquals("0.000123457", Numbers.format(0.0001234567));
    }

    @Test
    void scientificOutsideTheMiddleRange() {
        assertEquals("1.23457E-12", Numbers.format(1.234567e-12));
        assertEquals("1.5E-5", Numbers.format(1.5e-5));
        assertEquals("1.23457E7", Numbers.format(12345678));
        assertEquals("-2E7", Numbers.format(-2e7));
        assertEquals("1E7", Numbers.format(9999999.9));
    }

    @Test
    void zeroAbsentAndNonFinite() {
        assertEquals("0", Numbers.format(0.0));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("", Numbers.format(OptionalDouble.empty()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.format(Double.NaN));
        assertEquals("only finite numbers are written, got NaN", e.getMessage());
    }

    @Test
    void csvQuotesOnlyWhenNeeded() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a, b\"", Csv.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("<b>&amp;</b>", Csv.field("<b>&amp;</b>"));
    }
}
