package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.cli.SalrCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Small things a user sees (issue 22, item 10): a run stopped by a signal is reported in words, without the
 * Java class name {@code Interruption$StopRequested}; a run that completes after a failed execution keeps no
 * stale {@code failure.txt}.
 */
@Tag("slow")
class UserFacingMessagesTest {

    @CommandLine.Command(name = "stopped")
    static final class Stopped implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new Interruption.StopRequested("run 0123456789abcdef stopped by a signal after iteration 7; its checkpoint"
                    + " is written, rerun to resume");
        }
    }

    @Test
    void aSignalStopIsReportedWithoutAClassName() {
        CommandLine cmd = SalrCommand.commandLine();
        cmd.addSubcommand("stopped", new Stopped());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute("stopped");
        assertEquals(143, code);
        assertTrue(err.toString().contains("stopped by a signal after iteration 7"), err.toString());
        assertFalse(err.toString().contains("StopRequested") || err.toString().contains("Exception"), err.toString());
    }

    @Test
    void aCompletedRunKeepsNoStaleFailureTrace(@TempDir Path tmp) throws IOException {
        Path data = SyntheticFashionMnist.write(tmp.resolve("data"), 320, 100, 1);
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("failure.txt"), "java.io.IOException: No space left on device\n\tat ...\n");
        RunResult r = Trainer.run(TrainerTest.spec("sgd", Map.of(), Budget.epochs(1), 3), new RunFolder(dir),
                Trainer.Options.defaults().withDataDir(Optional.of(data)).withLog(m -> { }));
        assertEquals(RunStatus.COMPLETED, r.status(), r.cause().toString());
        assertFalse(Files.exists(dir.resolve("failure.txt")), "the trace of the earlier failure is gone");
    }
}
