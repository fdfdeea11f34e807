package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU paths of the launcher and of {@code ci/gpu-check.sh}, which no machine of the test suite can run for
 * real: {@code ci/gpu-launcher-test.sh} drives them with a stand-in nvidia-smi, ldconfig, mvn and salr.jar
 * (Hopper accepted for {@code SALR_BACKEND=torch-gpu} and refused for DL4J's CUDA build with the pointer to the
 * torch engine, no driver, missing CUDA libraries named, the {@code -P torch-gpu} build, gpu-check's outputs and
 * its skip of DL4J's bench on a GPU newer than 8.6).
 */
@Tag("slow")
class GpuLauncherScriptTest {

    private static final Path SCRIPT = Path.of("..", "ci", "gpu-launcher-test.sh").toAbsolutePath().normalize();

    @Test
    void everyCheckOfTheGpuScriptsPasses(@TempDir Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().remove("SALR_BACKEND");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("FAIL"), out);
        Matcher m = Pattern.compile("(\\d+) of (\\d+) checks passed").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(m.group(2), m.group(1), out);
        assertTrue(Integer.parseInt(m.group(2)) >= 30, "the script's checks all ran: " + out);
    }
}
