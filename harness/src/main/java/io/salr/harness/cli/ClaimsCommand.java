package io.salr.harness.cli;

import io.salr.analysis.claims.ClaimSet;
import io.salr.analysis.claims.ClaimVerdict;
import io.salr.analysis.claims.Claims;
import io.salr.analysis.claims.ClaimsOutput;
import io.salr.analysis.claims.RunSeries;
import io.salr.analysis.io.AtomicFiles;
import io.salr.analysis.output.Numbers;
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
        description = {"Test a paper's claims on the runs of stores or tidy CSVs: DIR/claims.csv (one row per test),",
            "DIR/claims.md, and the report DIR/index.html opening with the verdicts (supported, not supported,",
            "contradicted, not tested), each scoped to the evidence, beside the paper's own figure."})
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Result stores or tidy CSVs (merged; give each once).")
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
            ReportInput read = ReportCommand.read(input);
            if (first == null) {
                first = Files.isDirectory(input) // Fig. 3 of the first store, as the report command draws it
                        ? io.salr.harness.sweep.FigureThreeSource.addTo(read, input, java.util.Optional.empty()) : read;
            }
            parts.add(read.results());
            if (Files.isDirectory(input)) {
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
            if (r.metric().equals("grad_calls")) {
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
