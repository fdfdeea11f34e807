package io.salr.optimizers.methods;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Named random streams split from a run seed (STYLE rule 5): each stream's seed mixes the run seed
 * with the stream's name, so adding a stream never shifts another. States can be saved as bytes.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** The stream called {@code name} of the run seeded with {@code seed}. */
    public static RestorableUniformRandomProvider named(long seed, String name) {
        long h = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, h});
    }

    public static byte[] save(RestorableUniformRandomProvider stream) {
        return ((RandomProviderDefaultState) stream.saveState()).getState();
    }

    public static void restore(RestorableUniformRandomProvider stream, byte[] state) {
        stream.restoreState(new RandomProviderDefaultState(state));
    }
}
