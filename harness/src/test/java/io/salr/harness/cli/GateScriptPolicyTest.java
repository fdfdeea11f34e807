package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * {@code ci/gate.sh}'s exit-code contract and its strict policy, with a stub in place of {@code ./salr}
 * ({@code SALR_LAUNCHER}) whose {@code gate} step exits with a chosen code: INCONCLUSIVE (3) fails CI unless the
 * baseline's provenance marks it {@code "exploratory": true}.
 */
@Tag("slow")
class GateScriptPolicyTest {

    private static final Path SCRIPT = Path.of("..", "ci", "gate.sh").toAbsolutePath().normalize();

    private record Run(int exit, String out) {
    }

    private static Run run(Path dir, int gateExit, String provenance) throws IOException, InterruptedException {
        Path stub = dir.resolve("salr-stub");
        Files.writeString(stub, "#!/usr/bin/env bash\ncase \"$1\" in\n  gate) exit " + gateExit + " ;;\n  *) exit 0 ;;\nesac\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path baseline = dir.resolve("base.csv");
        Files.writeString(baseline, "study,dataset,model,method,gamma,seed,metric,value\n");
        Path prov = dir.resolve("base.provenance.json");
        Files.deleteIfExists(prov);
        if (provenance != null) {
            Files.writeString(prov, provenance);
        }
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("SALR_LAUNCHER", stub.toString());
        pb.environment().put("SALR_GATE_BASELINE", baseline.toString());
        pb.environment().put("SALR_GATE_OUT", dir.resolve("out").toString());
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void inconclusiveFailsByDefault(@TempDir Path dir) throws Exception {
        Run r = run(dir, 3, null);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("policy strict") && r.out().contains("non-inferiority not shown"), r.out());
        Run notMarked = run(dir, 3, "{ \"preset\" : \"ci\", \"exploratory\" : false }");
        assertEquals(1, notMarked.exit(), notMarked.out());
    }

    @Test
    void inconclusiveWarnsAgainstAnExploratoryBaseline(@TempDir Path dir) throws Exception {
        Run r = run(dir, 3, "{\n  \"preset\" : \"ci\",\n  \"exploratory\" : true\n}\n");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("policy exploratory") && r.out().contains("WARNING: gate INCONCLUSIVE"), r.out());
    }

    @Test
    void passFailAndBrokenKeepTheirCodes(@TempDir Path dir) throws Exception {
        assertEquals(0, run(dir, 0, null).exit());
        assertEquals(1, run(dir, 1, "{\"exploratory\": true}").exit(), "a FAIL fails whatever the policy");
        assertEquals(2, run(dir, 2, null).exit());
    }
}
