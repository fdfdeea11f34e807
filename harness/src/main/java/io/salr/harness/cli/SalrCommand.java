package io.salr.harness.cli;

import io.salr.datasets.real.DatasetFormatException;
import io.salr.datasets.real.DatasetNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import io.salr.harness.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code salr} command line. Each subcommand is a class of its own in this package; this class
 * only wires them together and maps failures to exit codes:
 * <ul>
 *   <li>0: success;</li>
 *   <li>1: the command ran but its outcome is a failure (e.g. some runs failed), or the machine failed it (a full
 *       disk): a rerun resumes;</li>
 *   <li>2: bad input (unknown option, invalid value, missing or corrupt data) - nothing was written;</li>
 *   <li>3 ({@code gate} only): no configuration fails, but some is inconclusive;</li>
 *   <li>4: out of memory, anywhere in the command (never 1, which would read as a failed result);</li>
 *   <li>130 / 143: stopped by SIGINT / SIGTERM.</li>
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

    /** Exit code for an outcome that is a failure, and for infrastructure failures such as a full disk. */
    public static final int EXIT_FAILURE = 1;

    /** Exit code for invalid input. */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit code for a command that ran out of memory (the same as {@link SweepRunner#EXIT_OUT_OF_MEMORY}). */
    public static final int EXIT_OUT_OF_MEMORY = SweepRunner.EXIT_OUT_OF_MEMORY;

    /**
     * Memory set aside when the command line is built and given back when the heap runs out, so that the
     * message about it can still be printed.
     */
    private static volatile byte[] reserve;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the project's error handling; used by {@link #main} and tests. */
    public static CommandLine commandLine() {
        reserve = new byte[8 << 20];
        CommandLine cmd = new CommandLine(new SalrCommand());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // a blank path (--out '') would mean the current directory: refused for every path option and parameter
        cmd.registerConverter(Path.class, text -> {
            if (text.isBlank()) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a path: it must not be empty");
            }
            return Path.of(text);
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Optional<OutOfMemoryError> oom = outOfMemory(ex);
            if (oom.isPresent()) {
                return outOfMemory(commandLine, oom.get());
            }
            if (ex instanceof io.salr.harness.run.Interruption.StopRequested) {
                // the shutdown hook of SIGTERM / SIGINT decides the exit code (143 / 130); say what happened, no class name
                err.println("salr " + commandLine.getCommandName() + ": " + ex.getMessage());
                return 143;
            }
            if (io.salr.analysis.io.DiskFullException.isDiskFull(ex)) {
                // the machine, not the user's input: exit 1, and a rerun resumes once space is freed
                err.println("salr " + commandLine.getCommandName() + ": error: " + ex.getMessage()
                        + (ex instanceof io.salr.analysis.io.DiskFullException ? "" : " (the disk is full: free space and rerun the same command to resume)")
                        + " - an infrastructure failure, not bad input");
                return EXIT_FAILURE;
            }
            if (ex instanceof io.salr.harness.sweep.SweepRunner.WorkersCannotStart) {
                err.println("salr " + commandLine.getCommandName() + ": error: " + ex.getMessage()
                        + " - an infrastructure failure, not bad input");
                return EXIT_FAILURE;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
                    || ex instanceof DatasetNotFoundException || ex instanceof DatasetFormatException) {
                err.println("salr " + commandLine.getCommandName() + ": error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        // an OutOfMemoryError is an Error, not an Exception: picocli lets it through the handler above
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cmd.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (OutOfMemoryError e) {
                CommandLine sub = parseResult.subcommand() == null ? cmd : last(parseResult).commandSpec().commandLine();
                return outOfMemory(sub, e);
            }
        });
        return cmd;
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult r) {
        while (r.subcommand() != null) {
            r = r.subcommand();
        }
        return r;
    }

    /** The OutOfMemoryError among the causes of {@code t}, if any. */
    static Optional<OutOfMemoryError> outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError oom) {
                return Optional.of(oom);
            }
        }
        return Optional.empty();
    }

    /** Frees the reserve, says what ran out and how to give it more, and returns {@link #EXIT_OUT_OF_MEMORY}. */
    private static int outOfMemory(CommandLine commandLine, OutOfMemoryError e) {
        reserve = null;
        System.gc();
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        PrintWriter err = commandLine.getErr();
        err.println("salr " + commandLine.getCommandName() + ": error: out of memory (" + e.getMessage() + "; the heap may grow to "
                + maxMb + " MB): give the JVM more, e.g. SALR_JAVA_OPTS=-Xmx" + Math.max(4, 2 * ((maxMb + 1023) / 1024))
                + "g ./salr ..., or make the input smaller; output files may be incomplete (exit " + EXIT_OUT_OF_MEMORY + ")");
        err.flush();
        return EXIT_OUT_OF_MEMORY;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
