package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.sweep.Presets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command list of {@code salr --help} gives every command a whole sentence, and --preset names every preset. */
class HelpTextTest {

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
