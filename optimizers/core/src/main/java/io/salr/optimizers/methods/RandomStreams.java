package io.salr.optimizers.methods;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Named random streams split from a run seed (STYLE rule 5): each stream's state mixes the run seed with
 * the stream's name, so adding a stream never shifts another. The seed and a 64-bit hash of the name are
 * each expanded through SplitMix64 (as Commons RNG seeds a generator from a {@code long}) and the two
 * expansions combined, so that neighbouring seeds (0, 1, 2, ...) give unrelated states: xoroshiro128++
 * started directly from {seed, hash} returns first outputs that agree in their upper 40 bits for seeds
 * 0..3. States can be saved as bytes.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** The stream called {@code name} of the run seeded with {@code seed}. */
    public static RestorableUniformRandomProvider named(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bit
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        SplitMix64 fromSeed = new SplitMix64(seed);
        SplitMix64 fromName = new SplitMix64(h);
        long s0 = fromSeed.nextLong() ^ fromName.nextLong();
        long s1 = fromSeed.nextLong() ^ fromName.nextLong();
        if (s0 == 0 && s1 == 0) {
            s1 = 0x9E3779B97F4A7C15L; // xoroshiro's state must not be all zero
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    public static byte[] save(RestorableUniformRandomProvider stream) {
        return ((RandomProviderDefaultState) stream.saveState()).getState();
    }

    public static void restore(RestorableUniformRandomProvider stream, byte[] state) {
        stream.restoreState(new RandomProviderDefaultState(state));
    }
}
