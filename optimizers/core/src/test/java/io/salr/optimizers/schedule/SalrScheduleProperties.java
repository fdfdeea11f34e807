package io.salr.optimizers.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The SALR schedule of Algorithms 1 and 3: multiplier, guards, refresh period, options, snapshots. */
class SalrScheduleProperties {

    @Provide
    Arbitrary<List<Double>> histories() {
        return Arbitraries.doubles().between(0.0, 100.0).list().ofMinSize(0).ofMaxSize(30);
    }

    private static SalrScheduleState stateWith(double eta0, List<Double> history) {
        SalrScheduleState state = SalrScheduleConfig.of(eta0, 1).newState();
        for (int k = 0; k < history.size(); k++) {
            state.observe(k, history.get(k));
        }
        return state;
    }

    /** Algorithm 1: eta_k = eta0 exactly when S_k equals the running median (S_k included). */
    @Property
    void learningRateIsEta0WhenSharpnessEqualsTheMedian(
            @ForAll("histories") List<Double> history,
            @ForAll @DoubleRange(min = 0.01, max = 10) double eta0) {
        SalrScheduleState state = stateWith(eta0, history);
        int k = history.size();
        // Adding the current median to a history leaves its median unchanged, for odd and even sizes,
        // so S_k = median(history) is also the median of S_1..S_k. An empty history: any S is its own median.
        double sK = history.isEmpty() ? 3.7 : RunningMedian.of(history.stream().mapToDouble(d -> d).toArray()).median();
        state.observe(k, sK);
        assertEquals(sK, state.median(), 0.0);
        assertEquals(eta0, state.learningRate(k), 0.0);
    }

    /** For a fixed non-negative history, eta_k is non-decreasing in S_k. */
    @Property
    void learningRateIsNonDecreasingInSharpness(
            @ForAll("histories") List<Double> history,
            @ForAll @DoubleRange(min = 0, max = 200) double s1,
            @ForAll @DoubleRange(min = 0, max = 200) double s2) {
        double low = Math.min(s1, s2);
        double high = Math.max(s1, s2);
        SalrScheduleState withLow = stateWith(0.1, history);
        SalrScheduleState withHigh = stateWith(0.1, history);
        withLow.observe(history.size(), low);
        withHigh.observe(history.size(), high);
        double etaLow = withLow.learningRate(history.size());
        double etaHigh = withHigh.learningRate(history.size());
        assertTrue(etaLow <= etaHigh, "eta(" + low + ") = " + etaLow + " > eta(" + high + ") = " + etaHigh);
    }

    @Test
    void nonPositiveMedianGivesMultiplierOne() {
        SalrScheduleState state = stateWith(0.5, List.of(0.0, 0.0, 0.0));
        state.observe(3, 0.0);
        assertEquals(0.5, state.learningRate(3), 0.0);
        assertEquals(1.0, state.lastMultiplier(), 0.0);
    }

    @Test
    void negativeSharpnessGivesMultiplierZero() {
        SalrScheduleState state = stateWith(0.5, List.of(1.0, 2.0, 3.0));
        state.observe(3, -0.25);
        assertEquals(0.0, state.learningRate(3), 0.0);
        assertEquals(0.0, state.lastMultiplier(), 0.0);
        assertEquals(0.0, SalrScheduleState.multiplier(-1.0, -1.0), 0.0);
    }

    @Property
    void sharpnessIsRefreshedEveryCIterationsAndReusedBetween(
            @ForAll @IntRange(min = 1, max = 7) int c,
            @ForAll @IntRange(min = 1, max = 40) int iterations) {
        SalrScheduleState state = SalrScheduleConfig.of(1.0, c).newState();
        int refreshes = 0;
        for (int k = 0; k < iterations; k++) {
            assertEquals(k % c == 0, state.needsSharpness(k), "iteration " + k);
            if (state.needsSharpness(k)) {
                state.observe(k, 1.0 + k);
                refreshes++;
            }
            state.learningRate(k);
            assertEquals(1.0 + (k - k % c), state.lastSharpness(), 0.0);
        }
        assertEquals(refreshes, state.observedSharpness().size());
        long lastRefresh = (iterations - 1) - (iterations - 1) % c;
        assertThrows(InvalidParameterException.class, () -> state.observe(lastRefresh, 1.0));
        if (c > 1) {
            InvalidParameterException between = assertThrows(InvalidParameterException.class,
                    () -> state.observe(lastRefresh + 1, 1.0));
            assertTrue(between.getMessage().contains("not a refresh iteration"), between.getMessage());
        }
    }

    @Test
    void clampWarmupAndBaseScheduleCompose() {
        SalrScheduleConfig config = SalrScheduleConfig.builder(1.0)
                .multiplierClamp(0.5, 2.0)
                .warmupIterations(2)
                .baseSchedule(new BaseSchedule.StepDecay(1.0, 0.5, 3))
                .build();
        SalrScheduleState state = config.newState();
        state.observe(0, 10.0);
        assertEquals(1.0, state.learningRate(0), 0.0, "warm-up uses the base schedule");
        state.observe(1, 100.0);
        assertEquals(1.0, state.learningRate(1), 0.0, "warm-up uses the base schedule");
        assertEquals(2, state.observedSharpness().size(), "sharpness is recorded during warm-up");
        state.observe(2, 1000.0);
        assertEquals(2.0, state.learningRate(2), 0.0, "1000 / median 100 = 10, clamped to 2");
        state.observe(3, 0.0);
        assertEquals(0.5 * 0.5, state.learningRate(3), 0.0, "multiplier 0 clamped to 0.5, base 0.5");
        assertEquals(0.5, config.multiplierMin().getAsDouble());
        assertEquals(2L, config.warmupIterations());
        assertTrue(SalrScheduleConfig.of(1.0, 1).multiplierMax().isEmpty(), "off by default");
    }

    @Test
    void priorHistoryEntersTheMedian() {
        SalrScheduleConfig config = SalrScheduleConfig.builder(1.0).priorSharpness(List.of(1.0, 1.0, 1.0, 1.0)).build();
        SalrScheduleState state = config.newState();
        state.observe(0, 8.0);
        assertEquals(8.0, state.learningRate(0), 0.0);
        assertEquals(List.of(8.0), state.observedSharpness());
    }

    @Property
    void snapshotRestoresTheSameSchedule(
            @ForAll("histories") List<Double> history,
            @ForAll @DoubleRange(min = 0, max = 100) double next) {
        SalrScheduleConfig config = SalrScheduleConfig.of(0.3, 1);
        SalrScheduleState original = config.newState();
        for (int k = 0; k < history.size(); k++) {
            original.observe(k, history.get(k));
        }
        SalrScheduleState restored = config.restore(original.snapshot());
        assertEquals(original.snapshot(), restored.snapshot());
        int k = history.size();
        original.observe(k, next);
        restored.observe(k, next);
        assertEquals(original.learningRate(k), restored.learningRate(k), 0.0);
    }

    @Test
    void stepDecayFollowsItsFormula() {
        BaseSchedule decay = new BaseSchedule.StepDecay(0.8, 0.5, 10);
        assertEquals(0.8, decay.valueAt(9), 0.0);
        assertEquals(0.4, decay.valueAt(10), 0.0);
        assertEquals(0.1, decay.valueAt(35), 0.0);
    }
}
