package io.salr.reports;

import io.salr.analysis.tidy.TidyResults;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test fixtures: small tidy CSVs shaped like the paper's Tables I, II (main.csv) and VII (gamma.csv). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The path of a test resource under {@code io/salr/reports/}. */
    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/io/salr/reports/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /**
     * Tables I/II shape: cifar10 with resnet50 and all-cnn-bn; sgd, sam, sgd-salr with 4 seeds, except sam
     * on all-cnn-bn with a single seed.
     */
    public static TidyResults main() {
        return TidyResults.read(resource("main.csv"));
    }

    /** Table VII shape: sgd-salr on cifar100 / pyramidnet at four gammas with 3 seeds each. */
    public static TidyResults gamma() {
        return TidyResults.read(resource("gamma.csv"));
    }
}
