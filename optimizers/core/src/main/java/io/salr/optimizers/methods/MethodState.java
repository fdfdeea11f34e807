package io.salr.optimizers.methods;

import io.salr.optimizers.schedule.SalrScheduleState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a {@link TrainingMethod} for a checkpoint (the network's parameters are stored
 * separately): named vectors (momentum, Adam moments, the SWA average), named numbers (step counts),
 * the saved states of the named random streams, and the SALR history.
 *
 * @param vectors vector state by name, as double arrays
 * @param numbers scalar state by name
 * @param streams random-stream states by stream name (Commons RNG saved state bytes)
 * @param salr the SALR schedule's state, present for SALR methods
 */
public record MethodState(Map<String, double[]> vectors, Map<String, Double> numbers,
        Map<String, byte[]> streams, Optional<SalrScheduleState.Snapshot> salr) {

    /** Defensive copies: the state does not change after it was taken. */
    public MethodState {
        vectors = deepCopy(vectors);
        numbers = Map.copyOf(numbers);
        Map<String, byte[]> s = new LinkedHashMap<>();
        streams.forEach((k, v) -> s.put(k, v.clone()));
        streams = java.util.Collections.unmodifiableMap(s);
    }

    private static Map<String, double[]> deepCopy(Map<String, double[]> in) {
        Map<String, double[]> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v.clone()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The named vector (a copy), failing with the name when absent. */
    double[] vector(String name) {
        double[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("state has no vector " + name + "; has " + vectors.keySet());
        }
        return v.clone();
    }

    /** The named number, failing with the name when absent. */
    double number(String name) {
        Double v = numbers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("state has no number " + name + "; has " + numbers.keySet());
        }
        return v;
    }

    /** The named stream state, failing with the name when absent. */
    byte[] stream(String name) {
        byte[] v = streams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("state has no stream " + name + "; has " + streams.keySet());
        }
        return v.clone();
    }
}
