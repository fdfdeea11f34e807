package io.salr.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Golden files live in {@code src/test/resources/io/salr/reports/golden/}; run
 * the tests with {@code -Dgolden.update=true} to rewrite them from the current output (then review the diff).
 */
public final class Golden {

    private Golden() {
    }

    /** Asserts that {@code actual} equals the golden file {@code name}. */
    public static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path source = Path.of("src/test/resources/io/salr/reports/golden").resolve(name);
            Files.createDirectories(source.getParent());
            Files.writeString(source, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.readString(Fixtures.resource("golden/" + name), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "output differs from golden file " + name
                + " (rerun with -Dgolden.update=true to accept a deliberate change, then review the diff)");
    }
}
