package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Integer flags are parsed exactly: a value beyond the flag's type is refused naming the flag, never wrapped. */
class FlagIntegersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "--seed, 18446744073709551617",
        "--seed, 99999999999999999999999",
        "--batch-size, 4294967346",
        "--epochs, 4294967297",
        "--subset, 2147483648",
        "--budget, 18446744073709551617",
    })
    void tooLargeIntegerFlagsAreRefusedNamingTheFlag(String flag, String value) {
        StringWriter err = new StringWriter();
        var cmd = SalrCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        Path out = dir.resolve("run");
        int code = cmd.execute("train", "--method", "sgd", "--out", out.toString(), flag, value);
        assertEquals(SalrCommand.EXIT_BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains(flag) && err.toString().contains(value), err.toString());
        assertFalse(Files.exists(out), "nothing is written");
    }
}
