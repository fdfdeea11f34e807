package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader of spec.json: it checks that the spec hashes to the id it is filed under. */
class RunFolderTest {

    private static final Path COMMITTED = Path.of("..", "results", "paper-text", "store", "runs", "e9a93bdf68d61f9c",
            "spec.json");

    @Test
    void aCommittedSpecReadsUnderItsId() {
        assertEquals("e9a93bdf68d61f9c", RunFolder.readSpec(COMMITTED).id());
    }

    @Test
    void aSpecFiledUnderAnotherIdIsRefusedNamingTheFileAndBothIds(@TempDir Path dir) throws Exception {
        Map<String, Object> content = new LinkedHashMap<>(RunFolder.readJson(COMMITTED));
        content.put("seed", ((Number) content.get("seed")).longValue() + 1); // another run, under the old id
        Path file = dir.resolve("spec.json");
        RunFolder.writeJson(file, content);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> RunFolder.readSpec(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("e9a93bdf68d61f9c"), e.getMessage());
        content.remove("id");
        String actual = RunSpec.fromMap(content).id();
        assertTrue(e.getMessage().contains(actual), e.getMessage());

        Files.delete(file);
        RunFolder.writeJson(file, content); // no id at all
        assertTrue(assertThrows(InvalidParameterException.class, () -> RunFolder.readSpec(file)).getMessage()
                .contains("no run id"));
    }
}
