package io.salr.harness.cli;

import io.salr.analysis.io.AtomicFiles;
import io.salr.harness.sweep.SlurmScript;
import io.salr.harness.sweep.Store;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salr slurm}: writes (and with --submit, submits) a Slurm job array, one task per shard of the sweep. */
@Command(name = "slurm", header = "Write (and optionally submit) a Slurm job array that runs a sweep in shards.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a Slurm job-array script for a sweep: one array task per shard, each running",
            "'salr sweep SPEC --store DIR --shard $((SLURM_ARRAY_TASK_ID+1))/N'. --submit passes it to sbatch."})
final class SlurmCommand implements Callable<Integer> {

    @Mixin
    SpecSource source;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The results store (on a filesystem the nodes share).")
    Path store;

    @Option(names = "--shards", description = "Array tasks, at most one per run (default: one per run, at most 1000).")
    Integer shards;

    @Option(names = "--cpus-per-task", defaultValue = "2", description = "CPU cores per task (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--time", defaultValue = "04:00:00", description = "Time limit per task (default: ${DEFAULT-VALUE}).")
    String time;

    @Mixin
    DataDirOption data;

    @Option(names = "--out", description = "Script file (default: STORE/slurm-sweep.sh).")
    Path out;

    @Option(names = "--submit", description = "Submit the script with sbatch.")
    boolean submit;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SpecSource.Loaded l = source.load();
        int n = shards != null ? shards : Math.min(1000, l.plan().runs().size());
        if (n < 1) {
            throw new InvalidParameterException("shards", n, "must be >= 1");
        }
        if (n > l.plan().runs().size()) {
            throw new InvalidParameterException("shards", n, "exceeds the " + l.plan().runs().size()
                    + " runs of the sweep (an array task per shard; a shard needs a run)");
        }
        Store s = new Store(store);
        s.prepare(l.plan(), l.text());
        String home = System.getProperty("salr.home", ".");
        SlurmScript script = new SlurmScript(Path.of(home).toAbsolutePath().normalize().resolve("salr"),
                s.sweepYaml().toAbsolutePath().normalize(), store.toAbsolutePath().normalize(), n, cpus, time,
                data.get().map(d -> d.toAbsolutePath().normalize()).orElse(null));
        Path file = out != null ? out : store.resolve("slurm-sweep.sh");
        AtomicFiles.writeString(file, script.text(l.spec().study()));
        file.toFile().setExecutable(true);
        java.nio.file.Files.createDirectories(store.resolve("slurm"));
        PrintWriter w = commandSpec.commandLine().getOut();
        w.printf("wrote %s: %d array tasks over %d runs%n", file, n, l.plan().runs().size());
        w.flush();
        if (!submit) {
            return 0;
        }
        Process p = new ProcessBuilder("sbatch", file.toAbsolutePath().toString()).inheritIO().start();
        return p.waitFor() == 0 ? 0 : 1;
    }
}
