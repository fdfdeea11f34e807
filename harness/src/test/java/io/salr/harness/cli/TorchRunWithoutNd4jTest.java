package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torch run neither initializes ND4J nor records ND4J facts. Each run is a {@code salr train} in a JVM of its
 * own, started with {@code -Xlog:class+init=info}, which logs "Initializing 'CLASS'" for every class the JVM
 * initializes; ND4J starts its backend (and loads its natives) in {@code Nd4j}'s static initializer, so the
 * absence of that line after a whole torch run says ND4J was never started. The same run on the DL4J engine is
 * the control that shows the log does name {@code Nd4j} when ND4J runs.
 *
 * <p>JavaCPP's warning that the versions of {@code javacpp} (1.5.13) and {@code openblas} (0.3.19-1.5.7) do not
 * match still shows in a torch run: the torch engine loads that OpenBLAS itself (see the root pom), so the
 * warning says nothing about ND4J and is not checked here.
 */
@Tag("slow")
class TorchRunWithoutNd4jTest {

    private static final String ND4J_INIT = "Initializing 'org/nd4j/linalg/factory/Nd4j'";

    @TempDir
    Path dir;

    private record Forked(int code, String initLog, String output) {
    }

    private Forked train(Path data, String engine) throws IOException, InterruptedException {
        Path out = dir.resolve("run-" + engine);
        Path initLog = dir.resolve(engine + "-init.log");
        Path output = dir.resolve(engine + "-out.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Xlog:class+init=info:file=" + initLog,
                "-cp", System.getProperty("java.class.path"), "io.salr.harness.cli.SalrCommand",
                "train", "--engine", engine, "--method", "sgd", "--model", "mlp", "--data-dir", data.toString(),
                "--subset", "100", "--test-subset", "50", "--epochs", "1", "--batch-size", "50", "--hidden", "8",
                "--eval-examples", "0", "--hessian-iterations", "0", "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("salr train --engine " + engine + " did not end within 300 s:\n" + Files.readString(output));
        }
        return new Forked(p.exitValue(), Files.readString(initLog), Files.readString(output));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provenance(Path run) throws IOException {
        return new ObjectMapper().readValue(run.resolve("provenance.json").toFile(), Map.class);
    }

    @Test
    void aTorchRunNeverStartsNd4jAndRecordsNoNd4jFields() throws IOException, InterruptedException {
        Path data = io.salr.harness.run.SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 3);

        Forked torch = train(data, "torch");
        assertEquals(0, torch.code(), torch.output());
        assertTrue(torch.initLog().contains("Initializing 'org/bytedeco/pytorch/global/torch'"),
                "the log records the torch engine's own initialization");
        assertFalse(torch.initLog().contains(ND4J_INIT), "a torch run initialized ND4J; its output:\n" + torch.output());
        List<String> nd4jClasses = torch.initLog().lines().filter(l -> l.contains("Initializing 'org/nd4j/")
                || l.contains("Initializing 'org/deeplearning4j/")).toList();
        assertEquals(List.of(), nd4jClasses, "no ND4J or DL4J class is initialized in a torch run");
        Map<String, Object> p = provenance(dir.resolve("run-torch"));
        assertFalse(p.containsKey("nd4jBackend") || p.containsKey("nd4jVersion"), p.toString());
        assertFalse(p.toString().contains("nd4j"), "no ND4J fact anywhere in a torch run's provenance: " + p);
        assertEquals("torch", ((Map<String, Object>) p.get("engine")).get("engine"));

        Forked dl4j = train(data, "dl4j");
        assertEquals(0, dl4j.code(), dl4j.output());
        assertTrue(dl4j.initLog().contains(ND4J_INIT), "the control: a DL4J run does initialize ND4J");
        Map<String, Object> engine = (Map<String, Object>) provenance(dir.resolve("run-dl4j")).get("engine");
        assertTrue(String.valueOf(engine.get("nd4jBackend")).contains("CpuBackend")
                && !String.valueOf(engine.get("nd4jVersion")).isBlank(), engine.toString());
    }
}
