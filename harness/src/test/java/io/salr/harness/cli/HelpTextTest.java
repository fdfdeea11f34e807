package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders without a picocli warning. Picocli formats each description line with
 * {@link String#format}, so an unescaped {@code %} (e.g. "95% interval") makes it print
 * {@code [picocli WARN] Could not format ...} on standard error and show the raw line.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpPrintsNoPicocliWarning() {
        List<String> names = new ArrayList<>();
        collect(SalrCommand.commandLine(), "", names);
        assertTrue(names.size() >= 14, "subcommands found: " + names);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> defects = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String name : names) {
                captured.reset();
                StringWriter out = new StringWriter();
                CommandLine cmd = find(SalrCommand.commandLine(), name);
                cmd.usage(new PrintWriter(out, true));
                String all = out + "\n" + captured.toString(StandardCharsets.UTF_8);
                if (all.contains("picocli WARN") || all.contains("Could not format")) {
                    defects.add("salr " + name + " --help: " + all);
                }
                assertTrue(out.toString().contains("Usage:"), "salr " + name + " --help printed no usage: " + all);
            }
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(List.of(), defects);
    }

    private static CommandLine find(CommandLine root, String name) {
        CommandLine cmd = root;
        for (String part : name.isEmpty() ? new String[0] : name.split(" ")) {
            cmd = cmd.getSubcommands().get(part);
        }
        return cmd;
    }

    private static void collect(CommandLine cmd, String prefix, List<String> names) {
        names.add(prefix.trim());
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, prefix + " " + name, names);
            }
        });
    }
}
