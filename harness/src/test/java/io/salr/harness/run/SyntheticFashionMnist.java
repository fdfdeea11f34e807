package io.salr.harness.run;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a small, learnable stand-in for Fashion-MNIST in the IDX format (the four files the reader
 * expects), so trainer tests run without the Debian package: each class lights a different 7x7 block
 * of the 28x28 image, on top of seeded noise.
 */
final class SyntheticFashionMnist {

    private SyntheticFashionMnist() {
    }

    static Path write(Path dir, int train, int test, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed);
        split(dir, "train", train, rng);
        split(dir, "t10k", test, rng);
        return dir;
    }

    private static void split(Path dir, String prefix, int n, SplittableRandom rng) throws IOException {
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            labels[i] = (byte) k;
            int top = 7 * (k / 4);
            int left = 7 * (k % 4);
            for (int p = 0; p < 784; p++) {
                int r = p / 28;
                int c = p % 28;
                boolean lit = r >= top && r < top + 7 && c >= left && c < left + 7;
                int v = (lit ? 140 : 0) + rng.nextInt(100);
                pixels[i * 784 + p] = (byte) v;
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels);
        }
        try (OutputStream raw = Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"));
                DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
    }
}
