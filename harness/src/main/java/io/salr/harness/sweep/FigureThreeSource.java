package io.salr.harness.sweep;

import io.salr.analysis.metric.Metric;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.reports.ReportInput;
import io.salr.reports.figures.FigureThree;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fig. 3 of the paper from a result store (both panels, {@link FigureThree}): the left from the per-epoch
 * test accuracy of every completed run of SGD, Entropy-SGD, Entropy-SGD-SALR and SGD-SALR on the store's
 * first dataset and model, the right from the iteration log of one SALR run - the one asked for, or by
 * default the median run by final test accuracy among the completed SGD-SALR runs (among all SALR runs when
 * there is no SGD-SALR run; the lower of the two middle runs for an even count).
 */
public final class FigureThreeSource {

    /** Figure names in the report's {@code figures/} folder. */
    public static final String LEFT = "fig3-left", RIGHT = "fig3-right";

    private FigureThreeSource() {
    }

    /**
     * The report input with Fig. 3 added: the left panel when any of its methods completed a run with epoch
     * ends, the right when a SALR run logged its sharpness.
     *
     * @param runId the run of the right panel; empty for the median run
     * @throws InvalidParameterException (field {@code --run}) when {@code runId} is not a completed run of the
     *                                   store whose iteration log holds S_hat
     */
    public static ReportInput addTo(ReportInput input, Path root, Optional<String> runId) {
        Store.Opened opened = Store.open(root);
        List<SweepPlan.PlannedRun> completed = new ArrayList<>();
        for (SweepPlan.PlannedRun r : opened.plan().runs()) {
            Optional<RunResult> result = opened.store().result(r.id());
            if (result.isPresent() && result.get().status() == RunStatus.COMPLETED) {
                completed.add(r);
            }
        }
        ReportInput out = input;
        Map<String, FigureThree.Band> bands = bands(opened.store(), completed);
        if (!bands.isEmpty()) {
            SweepPlan.PlannedRun first = completed.get(0);
            out = out.withFigure(new ReportInput.NamedFigure(LEFT, "Fig. 3 (left): test error against epochs on "
                    + first.spec().model().architecture() + " / " + first.spec().data().dataset()
                    + ", the mean over seeds with one standard deviation either side; under matched gradient calls the"
                    + " methods end at different epochs",
                    FigureThree.testErrorOverEpochs("Test error over epochs", bands)));
        }
        Optional<SweepPlan.PlannedRun> chosen = runId.isPresent() ? Optional.of(asked(opened, completed, runId.get()))
                : median(opened.store(), completed);
        if (chosen.isPresent()) {
            SweepPlan.PlannedRun r = chosen.get();
            ReportInput.Trace t = StoreReport.trace(opened.store().folder(r.id()), r.spec());
            if (t == null) {
                throw new InvalidParameterException("--run", r.id(), "has no S_hat in its iteration log (not a SALR run)");
            }
            out = out.withFigure(new ReportInput.NamedFigure(RIGHT, "Fig. 3 (right): S_hat and the learning rate against"
                    + " the iterations of run " + r.id() + " (" + t.title() + ")"
                    + (runId.isPresent() ? "" : ", the median run by final test accuracy"),
                    FigureThree.sharpnessAndRate(t.title(), t.iterations(), t.sHat(), t.learningRate())));
        }
        return out;
    }

    private static SweepPlan.PlannedRun asked(Store.Opened opened, List<SweepPlan.PlannedRun> completed, String id) {
        return completed.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
                new InvalidParameterException("--run", id, "is not a completed run of the store (run ids are the folder"
                        + " names under runs/; ./salr status lists them)"));
    }

    /** The median completed SALR run by final test accuracy, preferring SGD-SALR. */
    static Optional<SweepPlan.PlannedRun> median(Store store, List<SweepPlan.PlannedRun> completed) {
        List<SweepPlan.PlannedRun> salr = completed.stream().filter(r -> r.spec().methodName().equals("sgd-salr")).toList();
        if (salr.isEmpty()) {
            salr = completed.stream().filter(r -> r.spec().method().method().salr()).toList();
        }
        List<SweepPlan.PlannedRun> withTrace = salr.stream()
                .filter(r -> StoreReport.trace(store.folder(r.id()), r.spec()) != null).toList();
        if (withTrace.isEmpty()) {
            return Optional.empty();
        }
        List<SweepPlan.PlannedRun> sorted = new ArrayList<>(withTrace);
        sorted.sort(Comparator.comparingDouble((SweepPlan.PlannedRun r) -> store.result(r.id()).orElseThrow()
                .metric(Metric.TEST_ACCURACY).orElse(Double.NaN)).thenComparing(SweepPlan.PlannedRun::id));
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    /** Per method of the left panel: the band over its seeds at the epoch ends all of them reached. */
    static Map<String, FigureThree.Band> bands(Store store, List<SweepPlan.PlannedRun> completed) {
        Map<String, FigureThree.Band> bands = new LinkedHashMap<>();
        if (completed.isEmpty()) {
            return bands;
        }
        var first = completed.get(0).spec();
        for (String method : FigureThree.LEFT_METHODS) {
            List<double[]> perSeed = new ArrayList<>();
            for (SweepPlan.PlannedRun r : completed) {
                var s = r.spec();
                if (s.methodName().equals(method) && s.data().dataset().equals(first.data().dataset())
                        && s.model().architecture().equals(first.model().architecture())) {
                    double[] errors = testErrors(store.folder(r.id()).epochs());
                    if (errors.length > 0) {
                        perSeed.add(errors);
                    }
                }
            }
            if (perSeed.isEmpty()) {
                continue;
            }
            int epochs = perSeed.stream().mapToInt(e -> e.length).min().orElseThrow();
            double[][] errors = perSeed.stream().map(e -> java.util.Arrays.copyOf(e, epochs)).toArray(double[][]::new);
            double[] x = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                x[e] = e + 1;
            }
            bands.put(method, FigureThree.Band.of(x, errors));
        }
        return bands;
    }

    /** The test error (1 - test accuracy) at each epoch end of a run's epoch log, in epoch order. */
    static double[] testErrors(Path epochsCsv) {
        if (!Files.isRegularFile(epochsCsv)) {
            return new double[0];
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(epochsCsv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + epochsCsv, e);
        }
        if (lines.size() < 2) {
            return new double[0];
        }
        int acc = List.of(lines.get(0).split(",")).indexOf(Metric.TEST_ACCURACY.id());
        if (acc < 0) {
            return new double[0];
        }
        double[] out = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String cell = lines.get(i).split(",", -1)[acc];
            if (cell.isEmpty()) {
                return java.util.Arrays.copyOf(out, i - 1); // not measured from here on
            }
            out[i - 1] = 1 - Double.parseDouble(cell);
        }
        return out;
    }
}
