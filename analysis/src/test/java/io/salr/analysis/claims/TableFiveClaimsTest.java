package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Verdict;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The shipped claims of Table V: perplexity, lower is better, tested like the accuracy claims. */
class TableFiveClaimsTest {

    private static final Path SHIPPED = Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml");

    private static void add(List<TidyRow> rows, String method, double... perplexities) {
        for (int s = 0; s < perplexities.length; s++) {
            rows.add(new TidyRow("paper-text", "text:jargon", "char-lstm", method, OptionalDouble.empty(), s, "perplexity",
                    perplexities[s], Map.of()));
        }
    }

    private static Claim claim(ClaimSet set, String id) {
        return set.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void lowerPerplexityForSalrSupportsTheClaimAndHigherContradictsIt() {
        ClaimSet set = ClaimSet.read(SHIPPED);
        Claim text = claim(set, "table-5-text");
        assertEquals("perplexity", text.metric());
        assertEquals(List.of("sgd", "swa", "sam", "entropy-sgd"), text.comparisons().get(0).against());
        ClaimSet only = new ClaimSet(set.paper(), List.of(text), set.source());

        List<TidyRow> better = new ArrayList<>();
        add(better, "sgd-salr", 5.00, 5.02, 4.98, 5.01, 4.99);
        for (String b : List.of("sgd", "swa", "sam", "entropy-sgd")) {
            add(better, b, 6.00, 6.03, 5.97, 6.01, 5.99);
        }
        List<ClaimVerdict> v = Claims.evaluate(only, TidyResults.of(List.of(), better), List.of());
        assertEquals(Verdict.SUPPORTED, v.get(0).verdict(), v.toString());

        List<TidyRow> worse = new ArrayList<>();
        add(worse, "sgd-salr", 7.00, 7.02, 6.98, 7.01, 6.99);
        for (String b : List.of("sgd", "swa", "sam", "entropy-sgd")) {
            add(worse, b, 6.00, 6.03, 5.97, 6.01, 5.99);
        }
        v = Claims.evaluate(only, TidyResults.of(List.of(), worse), List.of());
        assertEquals(Verdict.CONTRADICTED, v.get(0).verdict(), v.toString());
        assertTrue(claim(set, "table-5-sharpness-aware").comparisons().size() == 2);
    }

    /** The gate and the analysis know perplexity's direction from its name: lower is better, no --direction needed. */
    @Test
    void perplexityIsLowerIsBetterForTheGateAndTheAnalysis() {
        assertEquals(io.salr.analysis.metric.Direction.LOWER_IS_BETTER,
                io.salr.analysis.gate.GateSettings.of("perplexity", 0.5, 0.05).direction());
        assertEquals(java.util.Optional.of(io.salr.analysis.metric.Direction.LOWER_IS_BETTER),
                io.salr.analysis.metric.Metrics.builtIn("perplexity"));
    }
}
