package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunSpec;
import io.salr.reports.ReportInput;
import io.salr.reports.figures.PaperFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a result store into the input of a report: the tidy results (as {@link Export} writes them),
 * the reference method when the sweep spec names one, the sweep spec, the provenance of the first completed run, the test error after each epoch per method
 * against the gradient calls spent, averaged over seeds (Fig. 3 left, for the store's first dataset and
 * model; runs of one method share their epoch ends because they share the budget), and the S_hat and
 * learning-rate trace of the first completed SALR run (Fig. 3 right).
 */
public final class StoreReport {

    private StoreReport() {
    }

    /** A store without a finished run: nothing to report. */
    public static final class NoFinishedRuns extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoFinishedRuns(String message) {
            super(message);
        }
    }

    /** The report input of the store at {@code root}. */
    public static ReportInput of(Path root) {
        Store.Opened opened = Store.open(root);
        Export.Exported exported = Export.of(opened.store(), opened.plan());
        if (exported.rows().isEmpty()) {
            throw new NoFinishedRuns("store " + root + " holds no finished runs to report");
        }
        ReportInput input = ReportInput.of(exported.tidy()).withSweepSpec(opened.yamlText());
        if (opened.plan().spec().reference().isPresent()) {
            input = input.withReference(opened.plan().spec().reference().get().cliName());
        }
        List<SweepPlan.PlannedRun> completed = new ArrayList<>();
        for (SweepPlan.PlannedRun r : opened.plan().runs()) {
            var result = opened.store().result(r.id());
            if (result.isPresent() && result.get().status() == io.salr.harness.run.RunStatus.COMPLETED) {
                completed.add(r);
            }
        }
        if (completed.isEmpty()) {
            return input;
        }
        RunFolder first = opened.store().folder(completed.get(0).id());
        if (Files.isRegularFile(first.provenance())) {
            input = input.withProvenance(read(first.provenance()));
        }
        Map<String, PaperFigures.Curve> curves = testErrorCurves(opened.store(), completed);
        if (!curves.isEmpty()) {
            input = input.withTestErrorCurves(curves);
        }
        for (SweepPlan.PlannedRun r : completed) {
            if (r.spec().method().method().salr()) {
                ReportInput.Trace trace = trace(opened.store().folder(r.id()), r.spec());
                if (trace != null) {
                    input = input.withTrace(trace);
                }
                break;
            }
        }
        return input;
    }

    /**
     * S-hat and the learning rate at the sharpness refreshes of every completed SALR run of the store (the
     * evidence of the claim that SALR's rate follows sharpness, Fig. 3 right).
     */
    public static List<io.salr.analysis.claims.RunSeries> salrSeries(Path root) {
        Store.Opened opened = Store.open(root);
        List<io.salr.analysis.claims.RunSeries> out = new ArrayList<>();
        for (SweepPlan.PlannedRun r : opened.plan().runs()) {
            var result = opened.store().result(r.id());
            if (!r.spec().method().method().salr() || result.isEmpty()
                    || result.get().status() != io.salr.harness.run.RunStatus.COMPLETED) {
                continue;
            }
            ReportInput.Trace t = trace(opened.store().folder(r.id()), r.spec());
            if (t != null) {
                // the export's labels, so a claim scoped to some datasets (fine-tuned runs, a text) sees the right series
                out.add(new io.salr.analysis.claims.RunSeries(Export.datasetLabel(r.spec()),
                        opened.plan().spec().modelName(r.spec().model()), r.spec().methodName(), r.spec().seed(),
                        t.sHat(), t.learningRate()));
            }
        }
        return out;
    }

    /**
     * Mean test error (1 - accuracy) and mean gradient calls at each epoch end, per method over seeds,
     * for the first dataset and model.
     */
    static Map<String, PaperFigures.Curve> testErrorCurves(Store store, List<SweepPlan.PlannedRun> completed) {
        RunSpec firstSpec = completed.get(0).spec();
        Map<String, TreeMap<Integer, double[]>> sums = new LinkedHashMap<>();
        for (SweepPlan.PlannedRun r : completed) {
            RunSpec s = r.spec();
            if (!s.data().dataset().equals(firstSpec.data().dataset())
                    || !s.model().architecture().equals(firstSpec.model().architecture())) {
                continue;
            }
            String name = s.methodName() + (s.method().gamma().isPresent() && !sameGammaEverywhere(completed, s.methodName())
                    ? " (gamma=" + s.method().gamma().getAsDouble() + ")" : "");
            List<String> lines = lines(store.folder(r.id()).epochs());
            if (lines.size() < 2) {
                continue;
            }
            List<String> header = List.of(lines.get(0).split(","));
            int epochCol = header.indexOf("epoch");
            int accCol = header.indexOf(Metric.TEST_ACCURACY.id());
            int callsCol = header.indexOf(Metric.GRAD_CALLS.id());
            TreeMap<Integer, double[]> byEpoch = sums.computeIfAbsent(name, k -> new TreeMap<>());
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                int epoch = (int) Double.parseDouble(cells[epochCol]);
                double[] acc = byEpoch.computeIfAbsent(epoch, k -> new double[3]);
                acc[0] += 1 - Double.parseDouble(cells[accCol]);
                acc[1] += 1;
                acc[2] += Double.parseDouble(cells[callsCol]);
            }
        }
        Map<String, PaperFigures.Curve> curves = new LinkedHashMap<>();
        sums.forEach((method, byEpoch) -> {
            double[] x = new double[byEpoch.size()];
            double[] y = new double[byEpoch.size()];
            int i = 0;
            for (var e : byEpoch.entrySet()) {
                x[i] = e.getValue()[2] / e.getValue()[1];
                y[i] = e.getValue()[0] / e.getValue()[1];
                i++;
            }
            curves.put(method, new PaperFigures.Curve(x, y));
        });
        return curves;
    }

    private static boolean sameGammaEverywhere(List<SweepPlan.PlannedRun> runs, String method) {
        return runs.stream().filter(r -> r.spec().methodName().equals(method))
                .map(r -> r.spec().method().gamma()).distinct().count() <= 1;
    }

    /** S_hat at the refresh iterations of a SALR run, with the learning rate at those iterations. */
    static ReportInput.Trace trace(RunFolder folder, RunSpec spec) {
        List<String> lines = lines(folder.iterations());
        List<double[]> rows = new ArrayList<>();
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(","));
        int it = header.indexOf("iteration");
        int lr = header.indexOf("learning_rate");
        int sh = header.indexOf("sharpness");
        if (it < 0 || lr < 0 || sh < 0) {
            return null;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (!cells[sh].isEmpty()) {
                rows.add(new double[] {Double.parseDouble(cells[it]), Double.parseDouble(cells[sh]),
                    Double.parseDouble(cells[lr])});
            }
        }
        if (rows.size() < 2) {
            return null;
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] s = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] l = rows.stream().mapToDouble(r -> r[2]).toArray();
        return new ReportInput.Trace(spec.methodName() + " on " + spec.model().architecture() + " / " + spec.data().dataset()
                + ", seed " + spec.seed(), x, s, l);
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
