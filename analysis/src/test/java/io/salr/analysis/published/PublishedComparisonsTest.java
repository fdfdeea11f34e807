package io.salr.analysis.published;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.metric.InvalidMetricException;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.tidy.TidyFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --summary} on the paper's Table I ({@code reports/docs/paper/table-1-*.csv}, transcribed from the
 * paper, accuracies as fractions, n = 10) against {@code table-1-scipy.csv}, written by
 * {@code analysis/src/test/python/published_reference.py} with SciPy 1.10.1 ({@code ttest_ind_from_stats},
 * {@code equal_var=False}) and statsmodels 0.13.5 ({@code multipletests(method='holm')}).
 */
class PublishedComparisonsTest {

    private static final Path PAPER = Path.of("..", "reports", "docs", "paper");

    @Test
    void tableOneReproducesScipyRowByRow() throws IOException {
        List<String> expected;
        try (InputStream in = getClass().getResourceAsStream("/io/salr/analysis/published/table-1-scipy.csv")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        int checked = 0;
        for (String line : expected) {
            String[] f = line.split(",");
            PublishedComparisons result = PublishedComparisons.of(PublishedTable.read(PAPER.resolve(f[0])), f[3],
                    Metrics.BUILT_IN);
            Comparison c = result.rows().stream().filter(r -> r.method().model().equals(f[1])
                    && r.method().method().equals(f[2])).findFirst().orElseThrow().comparison();
            double p = Double.parseDouble(f[5]);
            double holm = Double.parseDouble(f[6]);
            assertEquals(p, c.welchP().getAsDouble(), 1e-7 * p, line);
            assertEquals(holm, c.adjustedP().getAsDouble(), 1e-7 * holm, line);
            checked++;
        }
        assertEquals(40, checked, "every non-reference cell of both halves of Table I");
    }

    @Test
    void atFaceValueTheTableSupportsMostButNotAllOfItsClaims() {
        PublishedComparisons sgd = PublishedComparisons.of(PublishedTable.read(PAPER.resolve("table-1-sgd.csv")),
                "sgd-salr", Metrics.BUILT_IN);
        // SGD-SALR 95.01 (0.01) vs Entropy-SGD-SALR 95.00 (0.01) on RegNetX: 0.01 pp apart
        Comparison regnet = sgd.rows().stream().filter(r -> r.method().model().equals("regnetx")
                && r.method().method().equals("entropy-sgd-salr")).findFirst().orElseThrow().comparison();
        assertEquals(Verdict.CONTRADICTED, regnet.verdict(), "the SALR column is better, so the method is worse");
        PublishedComparisons adam = PublishedComparisons.of(PublishedTable.read(PAPER.resolve("table-1-adam.csv")),
                "adam-salr", Metrics.BUILT_IN);
        // SAM 96.17 (0.08) beats Adam-SALR 95.97 (0.00) on ResNet101: the table contradicts "SALR is best" there
        Comparison sam = adam.rows().stream().filter(r -> r.method().model().equals("resnet101")
                && r.method().method().equals("sam")).findFirst().orElseThrow().comparison();
        assertEquals(Verdict.SUPPORTED, sam.verdict(), "SAM significantly better than Adam-SALR");
        assertTrue(sam.mde().isPresent() && sam.hedgesG().isPresent());
    }

    @Test
    void percentAccuraciesAndBadCellsAreRefusedNamingTheValue(@TempDir Path dir) throws IOException {
        Path percent = Files.writeString(dir.resolve("p.csv"), "dataset,model,method,metric,mean,std,n\n"
                + "cifar10,resnet50,sgd,test_accuracy,93.25,0.03,10\n");
        InvalidMetricException e = assertThrows(InvalidMetricException.class, () -> PublishedTable.read(percent));
        assertTrue(e.getMessage().contains("93.25") && e.getMessage().contains("fraction"), e.getMessage());
        Path badN = Files.writeString(dir.resolve("n.csv"), "dataset,model,method,metric,mean,std,n\n"
                + "cifar10,resnet50,sgd,test_accuracy,0.9325,0.0003,ten\n");
        TidyFormatException n = assertThrows(TidyFormatException.class, () -> PublishedTable.read(badN));
        assertEquals("n", n.column().orElseThrow());
        assertEquals("ten", n.value().orElseThrow());
        Path missing = Files.writeString(dir.resolve("m.csv"), "dataset,model,method,mean,std,n\nc,r,s,0.9,0.1,3\n");
        assertTrue(assertThrows(TidyFormatException.class, () -> PublishedTable.read(missing)).getMessage()
                .contains("metric"));
    }
}
