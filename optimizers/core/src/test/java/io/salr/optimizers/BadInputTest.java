package io.salr.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.gd.GradientDescent;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.schedule.SalrScheduleState;
import io.salr.optimizers.sharpness.BallSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every configuration rejects values outside its domain with a message naming parameter and value. */
class BadInputTest {

    private static void rejects(Executable construction, String parameter, String value) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, construction);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
        assertTrue(e.getMessage().contains(value), "message should name " + value + ": " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void gammaMustBeFiniteAndPositive(double gamma) {
        rejects(() -> new SharpnessConfig(gamma, 1, 1), "gamma", String.valueOf(gamma));
    }

    @Test
    void stepCountsMustBeNonNegativeAndNotBothZero() {
        rejects(() -> new SharpnessConfig(0.1, 0, 0), "n1/n2", "0/0");
        rejects(() -> new SharpnessConfig(0.1, -1, 2), "n1", "-1");
        rejects(() -> new SharpnessConfig(0.1, 2, -3), "n2", "-3");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refreshPeriodMustBeAtLeastOne(int c) {
        rejects(() -> SalrScheduleConfig.of(0.1, c), "c", String.valueOf(c));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void eta0MustBeFiniteAndPositive(double eta0) {
        rejects(() -> SalrScheduleConfig.of(eta0, 1), "eta0", String.valueOf(eta0));
        rejects(() -> new BaseSchedule.Constant(eta0), "eta0", String.valueOf(eta0));
        rejects(() -> new GradientDescent(eta0), "eta", String.valueOf(eta0));
    }

    @Test
    void scheduleOptionsAreValidated() {
        rejects(() -> SalrScheduleConfig.builder(0.1).multiplierClamp(2.0, 1.0).build(), "clamp_max", "1.0");
        rejects(() -> SalrScheduleConfig.builder(0.1).multiplierMin(-1.0).build(), "clamp_min", "-1.0");
        rejects(() -> SalrScheduleConfig.builder(0.1).multiplierMax(Double.NaN).build(), "clamp_max", "NaN");
        rejects(() -> SalrScheduleConfig.builder(0.1).warmupIterations(-5).build(), "warmup", "-5");
        rejects(() -> SalrScheduleConfig.builder(0.1).priorSharpness(Arrays.asList(1.0, Double.NaN)).build(),
                "priorSharpness[1]", "NaN");
        rejects(() -> SalrScheduleConfig.builder(0.1).baseSchedule(new BaseSchedule.Constant(0.2)).build(),
                "baseSchedule", "0.2");
        rejects(() -> new BaseSchedule.StepDecay(0.1, 1.5, 10), "factor", "1.5");
        rejects(() -> new BaseSchedule.StepDecay(0.1, 0.5, 0), "everyIterations", "0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteSharpnessNamesIterationAndValue(double sHat) {
        SalrScheduleState state = SalrScheduleConfig.of(0.1, 1).newState();
        state.observe(0, 1.0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> state.observe(7, sHat));
        assertEquals("sHat", e.parameter());
        assertTrue(e.getMessage().contains("iteration 7"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(sHat)), e.getMessage());
        assertEquals(List.of(1.0), state.observedSharpness(), "a rejected value must not enter the history");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, Double.NaN})
    void ballRadiusMustBePositive(double eps) {
        rejects(() -> BallSharpness.s1d(x -> x * x, 0.0, eps), "eps", String.valueOf(eps));
        rejects(() -> BallSharpness.phi2d((x, y) -> x * y, new double[] {0, 0}, eps), "eps", String.valueOf(eps));
    }
}
