package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on a really full file system (a 2 MiB tmpfs, filled): exit 1 (an infrastructure failure), never
 * 2 (bad input), the message says the disk is full, and no empty run folder is left; once space is freed the
 * same command runs. Mounting a tmpfs needs root: elsewhere the test is reported as skipped, with the reason;
 * {@code io.salr.analysis.io.DiskFullTest} covers the same path everywhere with an injected write failure.
 */
@Tag("slow")
class DiskFullTrainTest {

    @TempDir
    Path dir;

    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aFullDiskIsExitOneAndLeavesNoRunFolder() throws IOException, InterruptedException {
        Path data = io.salr.harness.run.SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 3);
        Path mount = Files.createDirectories(dir.resolve("full"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root && run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()) == 0,
                "mounting a small tmpfs needs root (DiskFullTest covers the write path with an injected failure)");
        try {
            Path filler = mount.resolve("filler");
            run("dd", "if=/dev/zero", "of=" + filler, "bs=4k", "count=1024");
            Path out = mount.resolve("salr-runs").resolve("run");
            List<String> args = List.of("train", "--method", "sgd", "--model", "mlp", "--data-dir", data.toString(),
                    "--subset", "100", "--test-subset", "50", "--epochs", "1", "--batch-size", "50", "--hidden", "8",
                    "--eval-examples", "0", "--hessian-iterations", "0", "--out", out.toString());
            SweepCommandsTest.Result r = SweepCommandsTest.salr(args.toArray(String[]::new));
            assertEquals(SalrCommand.EXIT_FAILURE, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("No space left on device") && r.err().contains("infrastructure"), r.err());
            assertFalse(Files.exists(mount.resolve("salr-runs")), "no empty run folder is left");

            Files.delete(filler);
            SweepCommandsTest.Result again = SweepCommandsTest.salr(args.toArray(String[]::new));
            assertEquals(0, again.code(), again.out() + again.err());
            assertTrue(Files.isRegularFile(out.resolve("result.json")));
        } finally {
            run("umount", mount.toString());
        }
    }
}
