package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.salr.harness.sweep.Presets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help texts: the command list of {@code salr --help} gives every command a whole sentence, --preset names
 * every preset, and every command's {@code --help} renders without a picocli warning. Picocli formats each description line with
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

    private static String usage(CommandLine cmd) {
        StringWriter out = new StringWriter();
        cmd.usage(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void everyCommandHasAOneLineHeaderThatIsAWholeSentence() {
        CommandLine root = SalrCommand.commandLine();
        String help = usage(root);
        int checked = 0;
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String[] header = e.getValue().getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, e.getKey() + ": one header line");
            String h = header[0];
            assertTrue(h.endsWith("."), e.getKey() + ": header ends in a full stop: " + h);
            assertTrue(Character.isUpperCase(h.charAt(0)), e.getKey() + ": header starts a sentence: " + h);
            assertTrue(h.length() <= 100, e.getKey() + ": header fits a line: " + h);
            if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
                // picocli may wrap a long line; compare with the whitespace normalized
                assertTrue(help.replaceAll("\\s+", " ").contains(h), e.getKey() + ": the command list shows the whole header");
            }
            checked++;
        }
        assertTrue(checked >= 14, "checked " + checked + " commands");
    }

    @Test
    void presetOptionListsEveryShippedPreset() {
        CommandLine root = SalrCommand.commandLine();
        for (String command : new String[] {"plan", "sweep", "demo"}) {
            String help = usage(root.getSubcommands().get(command)).replaceAll("\\s+", " ");
            assertFalse(Presets.names().isEmpty());
            for (String name : Presets.names()) {
                assertTrue(help.contains(name), command + " --help names preset " + name);
            }
        }
    }
}
