package io.salr.harness.cli;

import io.salr.analysis.io.AtomicFiles;
import io.salr.harness.bench.Bench;
import io.salr.harness.bench.BenchOutput;
import io.salr.harness.bench.BenchRow;
import io.salr.harness.provenance.ProvenanceCollector;
import io.salr.harness.run.ComputeDevice;
import io.salr.optimizers.torch.TorchEngine;
import io.salr.harness.run.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr bench}: the performance figures of docs/performance.md, measured side by side
 * in one run and written to {@code DIR/bench.csv} ({@code name,value,unit}) with
 * {@code DIR/bench-provenance.json} (commit, JVM, OS, CPU, thread settings, each engine's description of
 * itself, the PyTorch peer's torch and BLAS and whether its ratios were reported), and printed as a table.
 */
@Command(name = "bench", header = "Measure step times, rooflines and ratios against the PyTorch peer on this machine.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure step times (DL4J, the torch engine and the PyTorch peer), sgemm rates and rooflines, the ten",
            "methods on both engines, SALR's overhead and memory over a long run; writes DIR/bench.csv and prints a table."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "out/bench", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A few repeats of everything, the methods on the MLP, a 200-iteration long run (seconds).")
    boolean quick;

    @Option(names = "--long-run", description = "MLP iterations of the memory run (default: 10000; 200 with --quick).")
    Integer longRun;

    @Option(names = "--sweep-steps",
            description = "MLP steps per worker of the sweep-throughput run, N workers on N cores; 0 skips it (default: 300; 0 with --quick).")
    Integer sweepSteps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = {"Python with torch for the PyTorch peer; 'none' skips it (default: ${DEFAULT-VALUE}). Ratios",
                "against a peer whose torch runs on the reference BLAS (or one that does not say) are withheld."})
    String python;

    @Option(names = "--device", defaultValue = "cpu",
            description = "Where the torch engine's rows are measured: cpu, cuda or cuda:N (needs SALR_BACKEND=torch-gpu); DL4J runs where its build puts it (default: ${DEFAULT-VALUE}).")
    String device;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<String> py = python.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(python);
        Bench.Settings settings = quick ? Bench.Settings.quick(py) : Bench.Settings.full(py);
        if (longRun != null) {
            settings = settings.withLongRunIterations(longRun);
        }
        if (sweepSteps != null) {
            settings = settings.withSweepSteps(sweepSteps);
        }
        // a device that is not there is refused before minutes of DL4J measurements, not after them
        ComputeDevice d = ComputeDevice.parse("device", device);
        TorchEngine torch = new TorchEngine(d.label());
        torch.checkDevice();
        settings = settings.withTorchDevice(d.label());
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> peer = new LinkedHashMap<>();
        List<BenchRow> rows = Bench.run(settings, err, peer);
        AtomicFiles.writeString(out.resolve("bench.csv"), BenchOutput.csv(rows));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("provenance", ProvenanceCollector.collect(ProvenanceCollector.codeDirectory(),
                io.salr.harness.run.Kernels.describeThisProcess()));
        record.put("settings", settings.toString());
        // each engine the bench timed describes itself (ND4J's backend and version are the DL4J engine's to say)
        record.put("dl4j_engine", new io.salr.optimizers.dl4j.Dl4jEngine().describe());
        record.put("torch_engine", torch.describe());
        record.put("pytorch_peer", peer);
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS", "SALR_JAVA_OPTS",
                "SALR_BACKEND")) {
            env.put(name, System.getenv().getOrDefault(name, ""));
        }
        record.put("environment", env);
        RunFolder.writeJson(out.resolve("bench-provenance.json"), record);
        PrintWriter o = spec.commandLine().getOut();
        o.print(BenchOutput.table(rows));
        o.println("written: " + out.resolve("bench.csv"));
        o.flush();
        return 0;
    }
}
