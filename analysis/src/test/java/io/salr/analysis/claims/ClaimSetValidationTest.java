package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.TestKind;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A claims file's every field at its boundary: the last value accepted and the first refused, named. */
class ClaimSetValidationTest {

    private static ClaimSet parse(String claim) {
        return ClaimSet.parse("paper: p\nclaims:\n  - {" + claim + "}\n", Path.of("..", "ci", "claims", "x.yaml"));
    }

    private static final String BASE = "id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, "
            + "comparisons: [{method: sgd-salr, against: [sgd]}], ";

    private static InvalidParameterException refused(String claim) {
        return assertThrows(InvalidParameterException.class, () -> parse(claim));
    }

    @Test
    void alphaLiesStrictlyBetweenZeroAndOneHalf() {
        assertEquals(0.49, parse(BASE + "test: superiority, alpha: 0.49").claims().get(0).alpha(), 0.0);
        assertEquals(0.001, parse(BASE + "test: superiority, alpha: 0.001").claims().get(0).alpha(), 0.0);
        assertEquals(0.05, parse(BASE + "test: superiority").claims().get(0).alpha(), 0.0, "the default");
        assertEquals("claims[0].alpha", refused(BASE + "test: superiority, alpha: 0.5").parameter());
        assertEquals("claims[0].alpha", refused(BASE + "test: superiority, alpha: 0").parameter());
        assertEquals("claims[0].alpha", refused(BASE + "test: superiority, alpha: .nan").parameter());
        assertEquals("claims[0].alpha", refused(BASE + "test: superiority, alpha: lots").parameter());
        assertEquals(0.1, parse(BASE + "test: superiority, alpha: '0.1'").claims().get(0).alpha(), 0.0, "a quoted number");
    }

    @Test
    void marginsFollowTheTest() {
        assertEquals(0.0, parse(BASE + "test: superiority").claims().get(0).margin(), 0.0);
        assertEquals(0.0, parse(BASE + "test: superiority, margin: 0").claims().get(0).margin(), 0.0);
        assertEquals(0.01, parse(BASE + "test: non-inferiority, margin: 0.01").claims().get(0).margin(), 0.0);
        assertEquals("claims[0].margin", refused(BASE + "test: superiority, margin: -0.01").parameter());
        assertEquals("claims[0].margin", refused(BASE + "test: non-inferiority, margin: 0").parameter());
        assertEquals("claims[0].margin", refused(BASE + "test: non-inferiority").parameter());
        assertEquals(TestKind.NON_INFERIORITY, parse(BASE + "test: non-inferiority, margin: 0.01").claims().get(0).test());
        assertEquals("claims[0].test", refused(BASE + "test: difference").parameter());
    }

    /** A dataset scope: a regular expression, or one with the words the outputs use for the runs it selects. */
    @Test
    void aDatasetScopeIsARegexOrARegexWithItsDescription() {
        Claim plain = parse(BASE + "test: superiority, datasets: 'text:.*'").claims().get(0);
        assertEquals("runs on data matching text:.*", plain.datasets().orElseThrow().words());
        assertTrue(plain.testsDataset("text:/usr/share/doc/jargon-text/jargon.txt.gz"));
        assertTrue(!plain.testsDataset("fashion-mnist"));
        Claim described = parse(BASE + "test: superiority, datasets: {matching: '.*/finetuned', described: fine-tuned runs}")
                .claims().get(0);
        assertEquals("fine-tuned runs", described.datasets().orElseThrow().words());
        assertTrue(described.testsDataset("fashion-mnist/classes-5-6-7-8-9/finetuned"));
        assertEquals("claims[0].datasets.matching", refused(BASE + "test: superiority, datasets: {matching: '(', described: x}").parameter());
        assertEquals("claims[0].datasets.matching", refused(BASE + "test: superiority, datasets: {described: x}").parameter());
        assertEquals("claims[0].datasets.regex", refused(BASE + "test: superiority, datasets: {matching: 'a', regex: b}").parameter());
        assertEquals("claims[0].datasets", refused(BASE + "test: superiority, datasets: '['").parameter());
    }

    @Test
    void kindSpecificFieldsBelongToTheirKind() {
        String epochs = "id: e, where: w, statement: s, kind: fewer-epochs, metric: test_accuracy, test: superiority, "
                + "comparisons: [{method: sgd-salr, against: [sgd]}], ";
        assertEquals(1.01, parse(epochs + "epoch_ratio: 1.01").claims().get(0).epochRatio().getAsDouble(), 0.0);
        assertEquals("claims[0].epoch_ratio", refused(epochs + "epoch_ratio: 1").parameter());
        assertEquals("claims[0].epoch_ratio", refused(BASE + "test: superiority, epoch_ratio: 5").parameter());
        String gamma = "id: g, where: w, statement: s, kind: gamma, metric: test_accuracy, test: equivalence, margin: 0.01, "
                + "comparisons: [{method: sgd-salr}], ";
        assertEquals(1e-9, parse(gamma + "reference_gamma: 1.0e-9").claims().get(0).referenceGamma().getAsDouble(), 0.0);
        assertEquals("claims[0].reference_gamma", refused(gamma + "reference_gamma: 0").parameter());
        assertEquals("claims[0].reference_gamma", refused(BASE + "test: superiority, reference_gamma: 0.01").parameter());
        assertEquals("a", parse(BASE + "test: superiority").claims().get(0).family(), "the family defaults to the id");
        assertEquals(Claim.At.EQUAL_CALLS, parse(BASE + "test: superiority, at: equal-calls").claims().get(0).at());
    }

    @Test
    void thePapersFigureIsCheckedToo() {
        assertEquals("t", parse(BASE + "test: superiority, paper: {text: t}").claims().get(0).paperText());
        assertEquals("claims[0].paper.colour", refused(BASE + "test: superiority, paper: {colour: red}").parameter());
        InvalidParameterException missing = refused(BASE + "test: superiority, paper: {tables: [{file: nowhere.csv}]}");
        assertEquals("claims[0].paper.tables[0].file", missing.parameter());
        assertTrue(missing.getMessage().contains("nowhere.csv"), missing.getMessage());
        assertEquals("claims[0].paper.tables[0].colour", refused(BASE
                + "test: superiority, paper: {tables: [{file: ../../reports/docs/paper/table-1-sgd.csv, colour: red}]}").parameter());
        Claim c = parse(BASE + "test: superiority, paper: {tables: [{file: ../../reports/docs/paper/table-1-adam.csv, "
                + "names: {adam-swa: swa}}]}").claims().get(0);
        assertEquals("swa", c.paperTables().get(0).name("adam-swa"));
        assertEquals("adam", c.paperTables().get(0).name("adam"));
    }

    @Test
    void theFileAsAWhole() {
        assertThrows(InvalidParameterException.class, () -> ClaimSet.parse("paper: p\nclaims: []\n", Path.of("x.yaml")));
        assertThrows(InvalidParameterException.class, () -> ClaimSet.parse("paper: p\n", Path.of("x.yaml")));
        InvalidParameterException extra = assertThrows(InvalidParameterException.class,
                () -> ClaimSet.parse("paper: p\nauthor: q\nclaims:\n  - {" + BASE + "test: superiority}\n", Path.of("x.yaml")));
        assertEquals("author", extra.parameter());
        assertThrows(InvalidParameterException.class, () -> ClaimSet.parse("paper: [unclosed", Path.of("x.yaml")));
        assertThrows(InvalidParameterException.class, () -> ClaimSet.parse("paper: p\npaper: q\nclaims:\n  - {" + BASE
                + "test: superiority}\n", Path.of("x.yaml")), "a duplicate key");
        assertEquals("--claims", assertThrows(InvalidParameterException.class,
                () -> ClaimSet.read(Path.of("no", "such", "claims.yaml"))).parameter());
        assertEquals("claims[0].comparisons[0].against[0]",
                refused("id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority, "
                        + "comparisons: [{method: sgd, against: [sgd]}]").parameter());
        assertEquals("claims[0].comparisons[0].colour",
                refused("id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority, "
                        + "comparisons: [{method: sgd, against: [sam], colour: red}]").parameter());
    }
}
