package io.salr.harness.cli;

import io.salr.datasets.real.DatasetFormatException;
import io.salr.datasets.real.DatasetNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code salr} command line. Each subcommand is a class of its own in this package; this class
 * only wires them together and maps failures to exit codes:
 * <ul>
 *   <li>0: success;</li>
 *   <li>1: the command ran but its outcome is a failure (e.g. some runs failed);</li>
 *   <li>2: bad input (unknown option, invalid value, missing or corrupt data) - nothing was written;</li>
 *   <li>3 ({@code gate} only): no configuration fails, but some is inconclusive.</li>
 * </ul>
 */
@Command(
        name = "salr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SALR (sharpness-aware learning rate) and its reproducibility harness.",
        subcommands = {DemoCommand.class, TrainCommand.class, PlanCommand.class, SweepCommand.class, StatusCommand.class,
            ExportCommand.class, ReportCommand.class, ClaimsCommand.class, GateCommand.class, ReplayCommand.class, SlurmCommand.class,
            BenchCommand.class, LandscapeCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class SalrCommand implements Runnable {

    /** Exit code for invalid input. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the project's error handling; used by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new SalrCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
                    || ex instanceof DatasetNotFoundException || ex instanceof DatasetFormatException) {
                err.println("salr " + commandLine.getCommandName() + ": error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cmd;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
