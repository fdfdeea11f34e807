package io.salr.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.significance.UnknownReferenceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the committed fixture through {@link Analysis#run} against committed golden files. On a
 * mismatch the actual files are left in {@code target/golden-actual/} for review.
 */
class AnalysisGoldenTest {

    @TempDir
    Path out;

    @Test
    void fixtureProducesTheGoldenFiles() throws IOException, URISyntaxException {
        Analysis.Result result = Analysis.run(fixture(), Optional.empty(), out);
        Path actualDir = Path.of("target", "golden-actual");
        Files.createDirectories(actualDir);
        Files.copy(result.summaryCsv(), actualDir.resolve("summary.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(result.significanceCsv(), actualDir.resolve("significance.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(golden("summary.csv"), Files.readString(result.summaryCsv(), StandardCharsets.UTF_8));
        assertEquals(golden("significance.csv"), Files.readString(result.significanceCsv(), StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count(), "summary, significance and aggregate (two tasks); no temporary files");
        }
    }

    @Test
    void outputDoesNotDependOnTheDefaultLocale() throws IOException, URISyntaxException {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            Analysis.run(fixture(), Optional.empty(), out);
        } finally {
            java.util.Locale.setDefault(saved);
        }
        assertEquals(golden("summary.csv"), Files.readString(out.resolve("summary.csv"), StandardCharsets.UTF_8));
        assertEquals(golden("significance.csv"), Files.readString(out.resolve("significance.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void unknownReferenceNamesItListsTheMethodsAndWritesNothing() throws URISyntaxException {
        UnknownReferenceException e = assertThrows(UnknownReferenceException.class,
                () -> Analysis.run(fixture(), Optional.of("sgd-slar"), out));
        assertEquals("reference method 'sgd-slar' is not in the results; methods present: adam, entropy-sgd, "
                + "sam, sgd, sgd, nesterov, sgd-salr", e.getMessage());
        assertEquals("sgd-slar", e.reference());
        assertTrue(e.methodsPresent().contains("sgd, nesterov"));
        assertFalse(Files.exists(out.resolve("summary.csv")));
    }

    private Path fixture() throws URISyntaxException {
        return Path.of(getClass().getResource("/io/salr/analysis/tidy-fixture.csv").toURI());
    }

    private String golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/salr/analysis/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
