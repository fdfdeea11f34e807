package io.salr.analysis.fuzz;

import io.salr.validation.fuzz.Mutations;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.analysis.claims.ClaimSet;
import io.salr.analysis.metric.InvalidMetricException;
import io.salr.analysis.published.PublishedTable;
import io.salr.analysis.tidy.TidyFormatException;
import io.salr.analysis.tidy.TidyResults;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing as a standing test (issue 22): every parser of the analysis reads thousands of malformed inputs made
 * from valid files (claims file, tidy CSV of {@code report} and {@code gate}, published summary) and each ends
 * either accepted or in its documented named error (the exceptions the command line maps to exit 2), never in
 * another exception, an OutOfMemoryError or a hang; the parsers write nothing. The counts are in
 * {@link #TRIES}; jqwik prints the accepted / refused split of each property.
 */
class AnalysisParsersFuzzProperties {

    /** Generated inputs per parser. */
    static final int TRIES = 2000;
    static final Duration LIMIT = Duration.ofSeconds(20);

    static Path dir;
    static String claims;
    static String tidy;
    static String published;

    @BeforeContainer
    static void readSeeds() throws IOException {
        dir = Files.createTempDirectory("salr-fuzz");
        claims = Files.readString(Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml"));
        tidy = new String(AnalysisParsersFuzzProperties.class.getResourceAsStream("/io/salr/analysis/tidy-fixture.csv")
                .readAllBytes(), StandardCharsets.UTF_8);
        published = Files.readString(Path.of("..", "reports", "docs", "paper", "table-1-sgd.csv"));
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static boolean named(Throwable t) {
        return t instanceof InvalidParameterException || t instanceof TidyFormatException || t instanceof InvalidMetricException;
    }

    /** Writes {@code text} to a file, parses it, and checks that nothing else appeared beside it. */
    static Mutations.Outcome parseFile(String what, String text, Consumer<Path> parse) throws IOException {
        Path sub = Files.createTempDirectory(dir, "try");
        Path file = sub.resolve("input");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes '?'
        Mutations.Outcome o = Mutations.check(what, text, () -> parse.accept(file),
                t -> named(t) || (t instanceof UncheckedIOException u && u.getMessage().contains(file.toString())), LIMIT);
        try (var left = Files.list(sub)) {
            assertEquals(List.of(file), left.toList(), what + " wrote nothing");
        }
        Files.delete(file);
        Files.delete(sub);
        return o;
    }

    @Property(tries = TRIES, seed = "22")
    void claimsFiles(@ForAll long seed) {
        String input = Mutations.mutate(claims, seed);
        Mutations.Outcome o = Mutations.check("ClaimSet.parse", input,
                () -> ClaimSet.parse(input, Path.of("..", "ci", "claims", "fuzz.yaml")), AnalysisParsersFuzzProperties::named, LIMIT);
        Statistics.collect(o);
    }

    @Property(tries = TRIES, seed = "22")
    void tidyCsvs(@ForAll long seed) throws IOException {
        Statistics.collect(parseFile("TidyResults.read", Mutations.mutate(tidy, seed), TidyResults::read));
    }

    @Property(tries = TRIES, seed = "22")
    void publishedSummaries(@ForAll long seed) throws IOException {
        Statistics.collect(parseFile("PublishedTable.read", Mutations.mutate(published, seed), PublishedTable::read));
    }
}
