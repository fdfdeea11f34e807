package io.salr.analysis.tidy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TidyResultsTest {

    private static final String HEADER = "study,dataset,model,method,gamma,seed,metric,value";

    @TempDir
    Path dir;

    @Test
    void readsTheFixtureWithQuotedCommasVerbatim() throws URISyntaxException {
        TidyResults results = TidyResults.read(
                Path.of(getClass().getResource("/io/salr/analysis/tidy-fixture.csv").toURI()));
        assertEquals(List.of("lr"), results.hyperparameterColumns());
        assertEquals(48, results.rows().size(), "sgd seed 3 diverged: it has its flag and no metric rows");
        TidyRow first = results.rows().get(0);
        assertEquals("pilot, v1", first.study());
        assertEquals(OptionalDouble.of(0.5), first.gamma());
        assertEquals(Map.of("lr", "0.1"), first.hyperparameters());
        assertTrue(results.methods().contains("sgd, nesterov"), results.methods().toString());
        assertTrue(results.rows().stream().filter(r -> r.method().equals("sgd")).allMatch(r -> r.gamma().isEmpty()));
    }

    @Test
    void columnsMayComeInAnyOrderAndTextIsNotTurnedIntoMissingValues() throws IOException {
        TidyResults results = TidyResults.read(write(
                "value,metric,seed,gamma,method,model,dataset,study,schedule\n"
                        + "0.5,acc,3,,NA,m,d,s,\"a \"\"quoted\"\", multi\nline note\"\n"));
        TidyRow row = results.rows().get(0);
        assertEquals("NA", row.method());
        assertEquals("a \"quoted\", multi\nline note", row.hyperparameters().get("schedule"));
        assertEquals(3L, row.seed());
        assertEquals(0.5, row.value(), 0.0);
    }

    @Test
    void missingColumnsAreAllNamed() throws IOException {
        TidyFormatException e = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write("study,dataset,model,method,seed,value\ns,d,m,x,1,0.5\n")));
        assertTrue(e.getMessage().contains("gamma, metric"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesRowColumnAndValue() throws IOException {
        TidyFormatException e = assertThrows(TidyFormatException.class, () -> TidyResults.read(write(
                HEADER + "\ns,d,m,x,,1,acc,0.5\ns,d,m,x,,2,acc,0,93\n".replace("0,93", "\"0,93\""))));
        assertEquals("data row 2, column 'value': value '0,93' is not a number", e.getMessage());
        assertEquals(2, e.row().getAsInt());
        assertEquals("value", e.column().orElseThrow());
        assertEquals("0,93", e.value().orElseThrow());
    }

    @Test
    void nonIntegerSeedAndNonNumericGammaAreNamed() throws IOException {
        TidyFormatException seed = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,d,m,x,,1.5,acc,0.5\n")));
        assertEquals("data row 1, column 'seed': value '1.5' is not an integer", seed.getMessage());
        TidyFormatException gamma = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,d,m,x,,1,acc,0.5\ns,d,m,x,high,2,acc,0.5\n")));
        assertEquals("data row 2, column 'gamma': value 'high' is not a number", gamma.getMessage());
    }

    @Test
    void nonFiniteValuesAndBadDivergenceFlagsAreRejected() throws IOException {
        TidyFormatException nan = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,d,m,x,,1,loss,NaN\n")));
        assertEquals("data row 1, column 'value': value 'NaN' is not a finite number", nan.getMessage());
        TidyFormatException flag = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,d,m,x,,1,diverged,2\n")));
        assertTrue(flag.getMessage().startsWith("data row 1, column 'value': value '2'"), flag.getMessage());
    }

    @Test
    void blankNamesAreRejected() throws IOException {
        TidyFormatException e = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,,m,x,,1,acc,0.5\n")));
        assertEquals("data row 1, column 'dataset': value '' is blank: a name is required", e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRejected() throws IOException {
        TidyFormatException empty = assertThrows(TidyFormatException.class, () -> TidyResults.read(write("")));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
        TidyFormatException headerOnly = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\n")));
        assertTrue(headerOnly.getMessage().contains("no data rows"), headerOnly.getMessage());
    }

    @Test
    void duplicateRowsAreRejectedNamingBothRows() throws IOException {
        TidyFormatException e = assertThrows(TidyFormatException.class,
                () -> TidyResults.read(write(HEADER + "\ns,d,m,x,,1,acc,0.5\ns,d,m,x,,2,acc,0.6\ns,d,m,x,,1,acc,0.7\n")));
        assertTrue(e.getMessage().startsWith("data rows 1 and 3 are duplicates"), e.getMessage());
    }

    @Test
    void rowsBuiltElsewhereAreValidatedToo() {
        TidyRow row = new TidyRow("s", "d", "m", "x", OptionalDouble.empty(), 1, "acc", 0.5, Map.of("lr", "0.1"));
        TidyFormatException e = assertThrows(TidyFormatException.class,
                () -> TidyResults.of(List.of("wd"), List.of(row)));
        assertTrue(e.getMessage().contains("[lr]") && e.getMessage().contains("[wd]"), e.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new TidyRow("s", " ", "m", "x", OptionalDouble.empty(), 1, "acc", 0.5, Map.of()));
        assertTrue(blank.getMessage().startsWith("dataset"), blank.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "tidy", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
