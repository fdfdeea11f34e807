package io.salr.harness.cli;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.claims.ClaimSet;
import io.salr.analysis.claims.ClaimVerdict;
import io.salr.analysis.claims.Claims;
import io.salr.analysis.claims.ClaimsOutput;
import io.salr.analysis.claims.RunSeries;
import io.salr.analysis.io.AtomicFiles;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.harness.sweep.Presets;
import io.salr.harness.sweep.StoreReport;
import io.salr.reports.Report;
import io.salr.reports.ReportInput;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code salr claims STORE... [--claims FILE] --out DIR}: tests a paper's claims ({@link ClaimSet}, by default the
 * SALR paper's {@code ci/claims/salr-tnnls-2023.yaml}) on the runs of one or more stores or tidy CSVs, and writes
 * {@code DIR/claims.csv}, {@code DIR/claims.md} and the full report {@code DIR/index.html}, which opens with the
 * claims. Every input is read and every claim evaluated before anything is written; bad input exits 2.
 */
@Command(name = "claims", header = "Test the paper's claims on stores or tidy CSVs and write the verdicts with their evidence.", mixinStandardHelpOptions = true,
        description = {"Test a paper's claims on the runs of stores, committed study folders (results.csv, and",
            "runs/ID/iterations.csv.gz with spec.json and result.json for the mechanism check) or tidy CSVs:",
            "DIR/claims.csv (one row per test),",
            "DIR/claims.md, and the report DIR/index.html opening with the verdicts (supported, inconclusive,",
            "contradicted, not tested), each scoped to the evidence, beside the paper's own figure."})
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Result stores, study folders or tidy CSVs (merged; give each once).")
    List<Path> inputs;

    @Option(names = "--claims", paramLabel = "FILE",
            description = "Claims file (YAML; default: the SALR paper's, ci/claims/salr-tnnls-2023.yaml).")
    Path claimsFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--reference", paramLabel = "METHOD",
            description = "Reference method of the report's other comparisons (default: the first store's, else sgd).")
    String reference;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        ClaimSet claims = ClaimSet.read(claimsFile != null ? claimsFile : Presets.defaultClaims());
        List<TidyResults> parts = new ArrayList<>();
        List<RunSeries> series = new ArrayList<>();
        ReportInput first = null;
        for (Path input : inputs) {
            boolean study = isStudyFolder(input);
            ReportInput read = ReportCommand.read(study ? input.resolve(STUDY_RESULTS) : input);
            if (first == null) {
                first = !study && Files.isDirectory(input) // Fig. 3 of the first store, as the report command draws it
                        ? io.salr.harness.sweep.FigureThreeSource.addTo(read, input, java.util.Optional.empty()) : read;
            }
            parts.add(read.results());
            if (study) {
                series.addAll(studySeries(input));
            } else if (Files.isDirectory(input)) {
                series.addAll(StoreReport.salrSeries(input));
            }
        }
        TidyResults results = TidyResults.merge(parts);
        List<ClaimVerdict> verdicts = Claims.evaluate(claims, results, series);
        ReportInput report = first.withResults(results);
        if (reference != null) {
            report = report.withReference(reference);
        } else if (report.reference().isEmpty() && results.methods().contains("sgd")) {
            report = report.withReference("sgd");
        }
        if (report.reference().isPresent() && !results.methods().contains(report.reference().get())) {
            throw new InvalidParameterException("--reference", report.reference().get(), "is not among the methods "
                    + results.methods());
        }
        String scope = scope(results, inputs);
        report = report.withClaims(claims.paper(), scope, verdicts);
        Files.createDirectories(out);
        Path[] files = writeClaims(out, claims, scope, verdicts);
        for (ClaimVerdict v : verdicts) {
            System.out.println(v.claim().id() + ": " + v.summary());
        }
        Path csv = files[0];
        Path md = files[1];
        String page;
        try {
            Report.Written written = Report.write(report, out);
            page = written.files().size() + " report files; open " + written.index();
        } catch (IllegalArgumentException e) {
            // the claims stand on their own; the page needs the report's analysis, which refuses e.g. a
            // reference method with several configurations (a tuning store)
            page = "no report page (" + e.getMessage() + ")";
            System.err.println("salr claims: warning: the report page was not written: " + e.getMessage());
        }
        System.out.println("wrote " + csv + ", " + md + " and " + page);
        return 0;
    }

    /** The tidy results of a committed study folder. */
    static final String STUDY_RESULTS = "results.csv";

    /**
     * A committed study folder (as opposed to a store): {@code results.csv} (the tidy export) at its top, and for
     * the mechanism check {@code runs/<id>/spec.json}, {@code runs/<id>/result.json} and
     * {@code runs/<id>/iterations.csv.gz} (the store's files, the log compressed) of the runs whose logs it keeps.
     */
    static boolean isStudyFolder(Path input) {
        return Files.isDirectory(input) && Files.isRegularFile(input.resolve(STUDY_RESULTS));
    }

    /**
     * The S-hat and learning-rate series of a study folder's completed SALR runs, in run-id order (the same
     * series {@link StoreReport#salrSeries} reads from a store).
     */
    static List<RunSeries> studySeries(Path study) {
        Path runs = study.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Path> folders;
        try (var list = Files.list(runs)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + runs, e);
        }
        // a study folder published from a store keeps its sweep.yaml: it names the models as the export does
        Path sweepFile = study.resolve("sweep.yaml");
        Optional<io.salr.harness.sweep.SweepSpec> sweep;
        try {
            sweep = Files.isRegularFile(sweepFile)
                    ? Optional.of(io.salr.harness.sweep.SweepSpec.parse(Files.readString(sweepFile))) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + sweepFile, e);
        }
        List<RunSeries> out = new ArrayList<>();
        for (Path folder : folders) {
            Path log = folder.resolve("iterations.csv.gz");
            if (!Files.isRegularFile(log)) {
                continue;
            }
            Path specFile = folder.resolve("spec.json");
            Path resultFile = folder.resolve("result.json");
            for (Path required : List.of(specFile, resultFile)) {
                if (!Files.isRegularFile(required)) {
                    throw new InvalidParameterException("input", required, "is missing: a study run with an iteration log "
                            + "needs its spec.json and result.json beside it");
                }
            }
            io.salr.harness.run.RunSpec spec = io.salr.harness.run.RunFolder.readSpec(specFile);
            if (!spec.method().method().salr()
                    || io.salr.harness.run.RunResult.fromMap(io.salr.harness.run.RunFolder.readJson(resultFile)).status()
                    != io.salr.harness.run.RunStatus.COMPLETED) {
                continue;
            }
            // the export's labels: the dataset with its class subset and /finetuned, the model's name in the sweep
            String dataset = io.salr.harness.sweep.Export.datasetLabel(spec);
            String model = sweep.map(w -> w.modelName(spec.model())).orElse(spec.model().architecture());
            double[][] trace = readTrace(log);
            if (trace[0].length >= 2) {
                out.add(new RunSeries(dataset, model, spec.methodName(), spec.seed(), trace[0], trace[1]));
            }
        }
        return out;
    }

    /** {@code {sHat, learningRate}} at the iterations that refreshed the sharpness, from a gzipped log. */
    static double[][] readTrace(Path log) {
        List<String> lines;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(log)), java.nio.charset.StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        } catch (IOException e) {
            throw new InvalidParameterException("input", log, "is not a readable gzip file (" + e.getMessage() + ")");
        }
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(","));
        int lr = header.indexOf("learning_rate");
        int sh = header.indexOf("sharpness");
        if (lr < 0 || sh < 0) {
            throw new InvalidParameterException("input", log, "needs the columns learning_rate and sharpness, has " + header);
        }
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length > Math.max(lr, sh) && !cells[sh].isEmpty()) {
                try {
                    rows.add(new double[] {Double.parseDouble(cells[sh]), Double.parseDouble(cells[lr])});
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException("input", log, "holds a value that is not a number: " + line);
                }
            }
        }
        return new double[][] {rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray()};
    }

    /** Writes {@code DIR/claims.csv} and {@code DIR/claims.md}; returns both paths. */
    static Path[] writeClaims(Path dir, ClaimSet claims, String scope, List<ClaimVerdict> verdicts) {
        Path csv = dir.resolve("claims.csv");
        Path md = dir.resolve("claims.md");
        AtomicFiles.writeString(csv, ClaimsOutput.csv(verdicts));
        AtomicFiles.writeString(md, "_" + scope + "_\n\n" + ClaimsOutput.markdown(claims.paper(), verdicts));
        return new Path[] {csv, md};
    }

    /** What was run, in one sentence: networks, methods, seeds and gradient calls per run. */
    static String scope(TidyResults results, List<Path> inputs) {
        Set<String> networks = new TreeSet<>();
        Map<String, Set<Long>> seeds = new TreeMap<>();
        List<Double> calls = new ArrayList<>();
        for (TidyRow r : results.rows()) {
            networks.add(r.dataset() + "/" + r.model());
            seeds.computeIfAbsent(r.method(), m -> new TreeSet<>()).add(r.seed());
            if (r.metric().equals(Metric.GRAD_CALLS.id())) {
                calls.add(r.value());
            }
        }
        int minSeeds = seeds.values().stream().mapToInt(Set::size).min().orElse(0);
        int maxSeeds = seeds.values().stream().mapToInt(Set::size).max().orElse(0);
        StringBuilder s = new StringBuilder("Evidence: ").append(String.join(", ", networks)).append("; ")
                .append(seeds.size()).append(" methods; ")
                .append(minSeeds == maxSeeds ? Integer.toString(minSeeds) : minSeeds + " to " + maxSeeds)
                .append(" seeds per method");
        if (!calls.isEmpty()) {
            double min = calls.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
            double max = calls.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
            s.append("; ").append(min == max ? Numbers.format(min) : Numbers.format(min) + " to " + Numbers.format(max))
                    .append(" gradient calls per run");
        }
        s.append(" (from ").append(String.join(", ", inputs.stream().map(Path::toString).toList()))
                .append("). It says nothing about other datasets, networks or budgets.");
        return s.toString();
    }
}
