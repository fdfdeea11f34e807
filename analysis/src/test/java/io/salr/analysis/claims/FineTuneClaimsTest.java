package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Verdict;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Table VI's claims: tested on fine-tuned runs only, "not tested" on a store of networks trained from scratch. */
class FineTuneClaimsTest {

    private static final Path SHIPPED = Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml");
    private static final String FINETUNED = "fashion-mnist/classes-5-6-7-8-9/finetuned";

    private static List<TidyRow> rows(String dataset) {
        List<TidyRow> rows = new ArrayList<>();
        Map<String, Double> means = Map.of("sgd", 0.80, "entropy-sgd", 0.82, "sam", 0.85, "sgd-salr", 0.85);
        double[] spread = {-0.002, -0.001, 0, 0.001, 0.002};
        means.forEach((method, mean) -> {
            for (int s = 0; s < spread.length; s++) {
                OptionalDouble g = method.equals("sgd-salr") ? OptionalDouble.of(0.01) : OptionalDouble.empty();
                rows.add(new TidyRow("t", dataset, "mlp-bn-dropout", method, g, s, "test_accuracy", mean + spread[s], Map.of()));
            }
        });
        return rows;
    }

    private static List<ClaimVerdict> tableSix(List<TidyRow> rows) {
        ClaimSet set = ClaimSet.read(SHIPPED);
        List<ClaimVerdict> all = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of());
        return all.stream().filter(v -> v.claim().id().startsWith("table-6")).toList();
    }

    @Test
    void theShippedTableSixClaimsParseAndSelectFineTunedRuns() {
        List<Claim> six = ClaimSet.read(SHIPPED).claims().stream().filter(c -> c.id().startsWith("table-6")).toList();
        assertEquals(List.of("table-6-finetune", "table-6-finetune-sam", "table-6-sharpness-aware"), six.stream().map(Claim::id).toList());
        for (Claim c : six) {
            assertTrue(c.testsDataset(FINETUNED), c.id());
            assertTrue(!c.testsDataset("fashion-mnist") && !c.testsDataset("fashion-mnist/classes-5-6-7-8-9"), c.id());
            assertTrue(c.paperText().contains("Table VI"), c.id());
        }
    }

    @Test
    void onAStoreTrainedFromScratchTheyAreNotTested() {
        List<ClaimVerdict> v = tableSix(rows("fashion-mnist"));
        assertEquals(3, v.size());
        for (ClaimVerdict c : v) {
            assertEquals(Verdict.NOT_TESTED, c.verdict(), c.claim().id());
            assertTrue(c.summary().endsWith("the input lacks fine-tuned runs"), c.summary());
        }
    }

    @Test
    void onFineTunedRunsTheyAreTested() {
        List<ClaimVerdict> v = tableSix(rows(FINETUNED));
        assertEquals(Verdict.SUPPORTED, v.get(0).verdict(), v.get(0).summary()); // SALR above SGD and Entropy-SGD
        assertEquals(Verdict.SUPPORTED, v.get(1).verdict(), v.get(1).summary()); // SALR within 0.5 points of SAM
        assertEquals(Verdict.SUPPORTED, v.get(2).verdict(), v.get(2).summary());
        // a store with both: only the fine-tuned runs are evidence (the scratch runs would be the same numbers here)
        List<TidyRow> both = new ArrayList<>(rows(FINETUNED));
        both.addAll(rows("fashion-mnist"));
        assertEquals(1, tableSix(both).get(0).tests().stream().map(ClaimTest::dataset).distinct().count());
    }

    @Test
    void aBadDatasetPatternIsRefusedNamingTheField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ClaimSet.parse("""
                paper: p
                claims:
                  - {id: x, where: T6, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], datasets: "(["}
                """, Path.of("c.yaml")));
        assertTrue(e.getMessage().contains("datasets"), e.getMessage());
        assertTrue(e.getMessage().contains("(["), e.getMessage());
    }
}
