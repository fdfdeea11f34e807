package io.salr.analysis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GateMarkdown} against the committed golden file {@code golden/gate.md}: one PASS (paired), one
 * FAIL (paired), one INCONCLUSIVE (unpaired, Welch), one configuration per side only. On a mismatch the
 * actual file is left in {@code target/golden-actual/gate.md}.
 */
class GateMarkdownTest {

    @TempDir
    Path dir;

    static GateResult fixture() {
        long[] seeds = {0, 1, 2, 3, 4};
        List<TidyRow> base = new ArrayList<>(GateTest.rows("sgd", seeds, GateTest.BASE));
        base.addAll(salr(seeds, GateTest.BASE));
        base.addAll(GateTest.rows("adam", seeds, GateTest.BASE));
        base.addAll(GateTest.rows("sam", seeds, GateTest.BASE));
        List<TidyRow> cand = new ArrayList<>(GateTest.rows("sgd", seeds, GateTest.plus(GateTest.BASE, 0.001, -0.001)));
        cand.addAll(salr(seeds, GateTest.plus(GateTest.BASE, -0.05, -0.04)));
        cand.addAll(GateTest.rows("adam", new long[] {5, 6, 7}, new double[] {0.79, 0.83, 0.80}));
        cand.addAll(GateTest.rows("swa|x", seeds, GateTest.BASE));
        return Gate.compare(withLr(base), "ci/baselines/ci.csv", withLr(cand), "/tmp/store", GateTest.DEFAULTS);
    }

    /** Every row gets the hyperparameter column lr: empty except for sgd-salr (as an export writes it). */
    static TidyResults withLr(List<TidyRow> rows) {
        return TidyResults.of(List.of("lr"), rows.stream().map(r -> r.hyperparameters().isEmpty()
                ? new TidyRow(r.study(), r.dataset(), r.model(), r.method(), r.gamma(), r.seed(), r.metric(), r.value(),
                        Map.of("lr", ""))
                : r).toList());
    }

    static List<TidyRow> salr(long[] seeds, double[] accuracy) {
        return GateTest.rows("sgd-salr", seeds, accuracy).stream().map(r -> new TidyRow(r.study(), r.dataset(), r.model(),
                r.method(), OptionalDouble.of(0.01), r.seed(), r.metric(), r.value(), Map.of("lr", "0.05"))).toList();
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        GateMarkdown format = new GateMarkdown();
        Path written = format.writeTo(dir, fixture());
        String actual = Files.readString(written, StandardCharsets.UTF_8);
        Path actualDir = Path.of("target", "golden-actual");
        Files.createDirectories(actualDir);
        Files.writeString(actualDir.resolve("gate.md"), actual);
        try (InputStream in = GateMarkdownTest.class.getResourceAsStream("/io/salr/analysis/golden/gate.md")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
        assertEquals("gate.md", written.getFileName().toString());
    }
}
