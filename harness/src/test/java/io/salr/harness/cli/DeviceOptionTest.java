package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.ComputeDevice;
import io.salr.harness.run.EngineChoice;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunSpec;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's device ({@code --device}, {@code device:} in sweep specs): the default keeps every existing run id,
 * another device changes it, DL4J refuses a device of its own (its device comes from the build), and a CUDA
 * device on a machine or build without CUDA is bad input (exit 2, nothing written), not a stack trace.
 */
class DeviceOptionTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 2);
    }

    private static RunSpec pinnedRun() throws IOException {
        SweepSpec spec = SweepSpec.parse(Files.readString(Path.of("..", "ci", "pinned", "sweep.yaml")));
        List<SweepPlan.PlannedRun> runs = spec.plan().runs();
        assertEquals(1, runs.size());
        return runs.get(0).spec();
    }

    @Test
    void theDefaultDeviceKeepsTheRecordedRunIds() throws IOException {
        // ci/pinned/expected.json was recorded before the device field existed
        Object recorded = RunFolder.readJson(Path.of("..", "ci", "pinned", "expected.json")).get("run_id");
        RunSpec pinned = pinnedRun();
        assertEquals(ComputeDevice.CPU, pinned.device());
        assertEquals(recorded, pinned.id());
        assertFalse(pinned.canonicalJson().contains("device"), pinned.canonicalJson());
    }

    @Test
    void anotherDeviceChangesTheIdAndIsInTheSpec() throws IOException {
        RunSpec p = pinnedRun();
        RunSpec torchCpu = new RunSpec(p.study(), p.data(), p.model(), p.method(), EngineChoice.TORCH, ComputeDevice.CPU,
                p.seed(), p.batchSize(), p.budget(), p.evaluation());
        RunSpec torchCuda = new RunSpec(p.study(), p.data(), p.model(), p.method(), EngineChoice.TORCH,
                ComputeDevice.parse("device", "cuda"), p.seed(), p.batchSize(), p.budget(), p.evaluation());
        RunSpec torchCuda1 = new RunSpec(p.study(), p.data(), p.model(), p.method(), EngineChoice.TORCH,
                ComputeDevice.parse("device", "cuda:1"), p.seed(), p.batchSize(), p.budget(), p.evaluation());
        assertNotEquals(torchCpu.id(), torchCuda.id());
        assertNotEquals(torchCuda.id(), torchCuda1.id());
        assertTrue(torchCuda.canonicalJson().contains("\"device\":\"cuda\""), torchCuda.canonicalJson());
        assertFalse(torchCpu.canonicalJson().contains("device"));
    }

    @Test
    void dl4jRefusesADeviceAndPointsToTheBuildAndTheTorchEngine() throws IOException {
        RunSpec p = pinnedRun();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new RunSpec(p.study(), p.data(),
                p.model(), p.method(), EngineChoice.DL4J, ComputeDevice.parse("device", "cuda"), p.seed(), p.batchSize(),
                p.budget(), p.evaluation()));
        assertEquals("device", e.parameter());
        assertEquals("cuda", e.value());
        assertTrue(e.getMessage().contains("SALR_BACKEND=cuda") && e.getMessage().contains("--engine torch --device cuda"),
                e.getMessage());

        Path out = dir.resolve("never-dl4j-cuda");
        InputValidationTest.Run r = InputValidationTest.salr("train", "--method", "sgd", "--model", "mlp", "--data-dir",
                data.toString(), "--epochs", "1", "--hidden", "8", "--device", "cuda", "--out", out.toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("device is not chosen per run for the dl4j engine")
                && r.err().contains("SALR_BACKEND=cuda") && r.err().contains("--engine torch --device cuda")
                && r.err().contains("got cuda"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadDeviceNameIsRefused() {
        InputValidationTest.Run r = InputValidationTest.salr("train", "--method", "sgd", "--model", "mlp", "--engine", "torch",
                "--device", "gpu0", "--data-dir", data.toString(), "--out", dir.resolve("never-gpu0").toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("device must be cpu, cuda or cuda:N, got gpu0"), r.err());
        assertThrows(InvalidParameterException.class, () -> ComputeDevice.parse("device", "cuda:x"));
    }

    @Test
    void torchOnCudaWithoutCudaIsBadInputNotAStackTrace() {
        // this build (the CPU natives) has no CUDA; a GPU build on a machine without a GPU says so too
        Path out = dir.resolve("never-torch-cuda");
        InputValidationTest.Run r = InputValidationTest.salr("train", "--method", "sgd", "--model", "mlp", "--engine", "torch",
                "--device", "cuda", "--data-dir", data.toString(), "--epochs", "1", "--hidden", "8", "--out", out.toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("device needs the CUDA build of LibTorch (SALR_BACKEND=torch-gpu"), r.err());
        assertTrue(r.err().trim().endsWith("got cuda"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void sweepSpecsTakeADeviceForTheTorchEngineOnly() throws IOException {
        String base = InputValidationTest.SPEC;
        SweepSpec torch = SweepSpec.parse(base + "engines: [torch]\ndevice: cuda\n");
        assertEquals("cuda", torch.device().label());
        assertTrue(torch.plan().runs().get(0).spec().canonicalJson().contains("\"device\":\"cuda\""));
        assertEquals(SweepSpec.parse(base).plan().runs().get(0).spec().id(),
                SweepSpec.parse(base + "device: cpu\n").plan().runs().get(0).spec().id(), "device: cpu is the default");

        InvalidParameterException dl4j = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(base + "engines: [dl4j, torch]\ndevice: cuda\n"));
        assertEquals("device", dl4j.parameter());
        assertTrue(dl4j.getMessage().contains("engines: [torch] and device: cuda"), dl4j.getMessage());
        InvalidParameterException bad = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.parse(base + "device: tpu\n"));
        assertEquals("device", bad.parameter());

        // on this machine (no CUDA) the sweep stops before it writes its store
        Path spec = Files.writeString(dir.resolve("cuda.yaml"), base + "engines: [torch]\ndevice: cuda\n");
        Path store = dir.resolve("never-store");
        InputValidationTest.Run r = InputValidationTest.salr("sweep", spec.toString(), "--store", store.toString(),
                "--data-dir", data.toString(), "--workers", "1");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("device needs the CUDA build of LibTorch"), r.err());
        assertFalse(Files.exists(store));
    }
}
