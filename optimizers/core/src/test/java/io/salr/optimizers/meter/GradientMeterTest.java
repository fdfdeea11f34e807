package io.salr.optimizers.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salr.validation.InvalidParameterException;
import org.junit.jupiter.api.Test;

class GradientMeterTest {

    @Test
    void countsCallsAndExamplesSeparatelyAndRestores() {
        GradientMeter meter = new GradientMeter();
        meter.recordGradientCall(8);
        meter.recordGradientCall(4);
        meter.recordForwardCall(8);
        MeterReading reading = meter.reading();
        assertEquals(new MeterReading(2, 12, 1, 8), reading);
        meter.recordGradientCall(1);
        assertEquals(new MeterReading(1, 1, 0, 0), meter.reading().since(reading));
        meter.restore(reading);
        assertEquals(reading, meter.reading());
        assertEquals("examples", assertThrows(InvalidParameterException.class, () -> meter.recordForwardCall(0))
                .parameter());
    }
}
