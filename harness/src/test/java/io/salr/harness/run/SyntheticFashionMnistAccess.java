package io.salr.harness.run;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages write the synthetic Fashion-MNIST stand-in. */
public final class SyntheticFashionMnistAccess {

    private SyntheticFashionMnistAccess() {
    }

    public static Path write(Path dir, int train, int test, long seed) throws IOException {
        return SyntheticFashionMnist.write(dir, train, test, seed);
    }
}
