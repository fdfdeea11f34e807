package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void pinnedOverridesWhatTheCallerSet() {
        // An AVX-512 machine's caller may have (or default to) the SkylakeX kernels: the pin wins.
        Map<String, String> env = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "SkylakeX", "ONEDNN_MAX_CPU_ISA", "ALL",
                "PATH", "/usr/bin"));
        Kernels.PINNED.applyTo(env);
        assertEquals("Haswell", env.get("OPENBLAS_CORETYPE"));
        assertEquals("AVX2", env.get("ONEDNN_MAX_CPU_ISA"));
        assertEquals("AVX2", env.get("DNNL_MAX_CPU_ISA"));
        assertEquals("avx2", env.get("ATEN_CPU_CAPABILITY"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals(Kernels.PINNED, Kernels.ofEnvironment(env));
    }

    @Test
    void nativeRemovesThePin() {
        Map<String, String> env = new HashMap<>(Kernels.PIN);
        env.put("PATH", "/usr/bin");
        Kernels.NATIVE.applyTo(env);
        assertEquals(Map.of("PATH", "/usr/bin"), env);
        assertEquals(Kernels.NATIVE, Kernels.ofEnvironment(env));
    }

    @Test
    void aPartialPinIsNotPinned() {
        Map<String, String> env = new HashMap<>(Kernels.PIN);
        env.put("ONEDNN_MAX_CPU_ISA", "AVX512_CORE");
        assertEquals(Kernels.NATIVE, Kernels.ofEnvironment(env));
    }

    @Test
    void parsesAndNamesBadInput() {
        assertEquals(Kernels.PINNED, Kernels.parse("kernels", " Pinned "));
        assertEquals(Kernels.NATIVE, Kernels.parse("kernels", "native"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Kernels.parse("kernels", "avx512"));
        assertTrue(e.getMessage().contains("kernels") && e.getMessage().contains("avx512"), e.getMessage());
    }

    @Test
    void workerJvmsGetThePinByDefault() {
        Map<String, String> env = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "SkylakeX"));
        io.salr.harness.sweep.SweepRunnerAccess.workerEnvironment(env, 1, Kernels.PINNED);
        assertEquals("1", env.get("OMP_NUM_THREADS"));
        assertEquals(Kernels.PINNED, Kernels.ofEnvironment(env));
        assertEquals(Kernels.PINNED, new io.salr.harness.sweep.SweepRunner.Options(1, false, java.util.Optional.empty(),
                false, new java.io.PrintWriter(java.io.Writer.nullWriter())).kernels());
    }

    /** The launcher exports the same variables as {@link Kernels#PIN}; the two lists must not drift apart. */
    @Test
    void theLauncherExportsThePin() throws IOException {
        Path launcher = Path.of("..", "salr");
        String text = Files.readString(launcher, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^\\s*pinned\\) export (.*?) ;;$").matcher(text);
        assertTrue(m.find(), "the launcher has no 'pinned) export ...' line");
        Map<String, String> exported = new HashMap<>();
        for (String kv : m.group(1).trim().split("\\s+")) {
            String[] p = kv.split("=", 2);
            exported.put(p[0], p[1]);
        }
        assertEquals(Kernels.PIN, exported);
        Matcher n = Pattern.compile("(?m)^\\s*native\\) unset (.*?) ;;$").matcher(text);
        assertTrue(n.find(), "the launcher has no 'native) unset ...' line");
        assertEquals(Kernels.PIN.keySet(), java.util.Set.of(n.group(1).trim().split("\\s+")));
        assertFalse(text.isEmpty());
    }
}
