package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and {@code gate} refuse the same inputs with the same message (issue 14, item 6: the report
 * once printed percent accuracies as "7880.00 (107.94)" while the gate refused them): every malformed tidy
 * file below ends both commands with exit 2, a message naming the field or row and the value, and nothing
 * written.
 */
class ReportGateParityTest {

    static final String HEADER = "study,dataset,model,method,gamma,seed,metric,value\n";
    static final String GOOD = "s,d,m,sgd,,1,test_accuracy,0.81\ns,d,m,sgd,,2,test_accuracy,0.83\n"
            + "s,d,m,sgd-salr,0.01,1,test_accuracy,0.82\ns,d,m,sgd-salr,0.01,2,test_accuracy,0.84\n";

    @TempDir
    Path dir;

    private Map<String, String> malformed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("value of metric 'test_accuracy'", HEADER + GOOD.replace("0.83", "78.5"));
        m.put("must be a fraction in [0, 1]: accuracies are stored as fractions (divide percentages by 100), got -0.1", HEADER + GOOD.replace("0.83", "-0.1"));
        m.put("column 'value': value 'NaN' is not a finite number", HEADER + GOOD.replace("0.83", "NaN"));
        m.put("column 'value': value 'high' is not a number", HEADER + GOOD.replace("0.83", "high"));
        m.put("column 'seed': value '1.5' is not an integer", HEADER + GOOD.replace(",2,test_accuracy,0.83", ",1.5,test_accuracy,0.83"));
        m.put("lacks required column(s) gamma", HEADER.replace("gamma,", "") + GOOD.replace(",,", ",").replace(",0.01,", ","));
        m.put("are duplicates", HEADER + GOOD + "s,d,m,sgd,,1,test_accuracy,0.5\n");
        m.put("column 'dataset': value '' is blank", HEADER + GOOD + "s,,m,sgd,,3,test_accuracy,0.5\n");
        m.put("must be 0 or 1", HEADER + GOOD + "s,d,m,sgd,,3,diverged,2\n");
        m.put("has 7 cells but the header has 8 columns", HEADER + GOOD + "s,d,m,sgd,,3,test_accuracy\n");
        m.put("is empty", "");
        m.put("has a header but no data rows", HEADER);
        return m;
    }

    @Test
    void bothCommandsRefuseTheSameMalformedFilesWithTheSameMessage() throws IOException {
        int i = 0;
        for (Map.Entry<String, String> e : malformed().entrySet()) {
            Path csv = Files.writeString(dir.resolve("bad" + i + ".csv"), e.getValue());
            Path good = Files.writeString(dir.resolve("good.csv"), HEADER + GOOD);
            Path reportOut = dir.resolve("report" + i);
            Path gateOut = dir.resolve("gate" + i + ".md");
            SweepCommandsTest.Result report = SweepCommandsTest.salr("report", csv.toString(), "--reference", "sgd",
                    "--out", reportOut.toString());
            SweepCommandsTest.Result gate = SweepCommandsTest.salr("gate", "--baseline", good.toString(), "--candidate",
                    csv.toString(), "--out", gateOut.toString());
            assertEquals(SalrCommand.EXIT_BAD_INPUT, report.code(), e.getKey() + ": " + report.out() + report.err());
            assertEquals(SalrCommand.EXIT_BAD_INPUT, gate.code(), e.getKey() + ": " + gate.out() + gate.err());
            assertTrue(report.err().contains(e.getKey()), "report: " + report.err());
            assertTrue(gate.err().contains(e.getKey()), "gate: " + gate.err());
            assertFalse(Files.exists(reportOut), "report wrote " + reportOut);
            assertFalse(Files.exists(gateOut), "gate wrote " + gateOut);
            i++;
        }
    }

    @Test
    void bothCommandsRefuseMissingInputsFoldersThatAreNotStoresAndStoresWithoutResults() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder/runs"));
        String yaml = """
                study: empty
                models: [mlp]
                methods: [sgd]
                seeds: 1
                budget: {epochs: 1}
                """;
        Path store = dir.resolve("store");
        new Store(store).prepare(SweepSpec.parse(yaml).plan(), yaml);
        Path good = Files.writeString(dir.resolve("good.csv"), HEADER + GOOD);
        Map<Path, String> cases = Map.of(dir.resolve("nope.csv"), "does not exist",
                folder.getParent(), "is a folder but not a results store (it has no sweep.yaml)",
                store, "is a store without finished runs");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            SweepCommandsTest.Result report = SweepCommandsTest.salr("report", c.getKey().toString(), "--out",
                    dir.resolve("r").toString());
            SweepCommandsTest.Result gate = SweepCommandsTest.salr("gate", "--baseline", good.toString(), "--candidate",
                    c.getKey().toString(), "--out", dir.resolve("g.md").toString());
            assertEquals(SalrCommand.EXIT_BAD_INPUT, report.code(), report.err());
            assertEquals(SalrCommand.EXIT_BAD_INPUT, gate.code(), gate.err());
            assertTrue(report.err().contains(c.getValue()), report.err());
            assertTrue(gate.err().contains(c.getValue()), gate.err());
            assertFalse(Files.exists(dir.resolve("r")) || Files.exists(dir.resolve("g.md")));
        }
    }
}
