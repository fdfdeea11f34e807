package io.salr.harness.run;

import io.salr.analysis.metric.Metric;
import io.salr.datasets.real.ExampleSet;
import io.salr.datasets.real.FileDigest;
import io.salr.datasets.real.LabeledData;
import io.salr.harness.provenance.Provenance;
import io.salr.harness.provenance.ProvenanceCollector;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.TrainingMethod;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * One execution of a run, from a fresh start or a checkpoint: the training loop. It steps the method
 * through the batches of each epoch until the budget is spent, evaluates at each epoch end, follows the
 * losses with an {@link OutcomeMonitor}, checkpoints through the {@link RunRecorder}, and hands the end of
 * the run to {@link FinalEvaluation}.
 */
final class TrainingSession {

    /** Iterations of loss trace kept as the evidence of a divergence. */
    private static final int EVIDENCE = 200;

    private final RunSpec spec;
    private final RunFolder folder;
    private final Trainer.Options options;
    private final Trainer.Setup s;
    private final GradientMeter meter;
    private final GradientMeter evaluationMeter = new GradientMeter();
    private final TrainableModel net;
    private final TrainingMethod method;
    private final RestorableUniformRandomProvider dataOrder;
    private final RestorableUniformRandomProvider fresh;
    private final long dropoutSeed;
    private final OutcomeMonitor monitor;
    private final RunRecorder recorder;
    /** The last {@link #EVIDENCE} iterations and their losses, a ring (no allocation per step). */
    private final long[] recentIterations = new long[EVIDENCE];
    private final double[] recentLossValues = new double[EVIDENCE];
    private int recentCount;
    private int recentNext;
    /** The iteration log's row, filled anew every step. */
    private final double[] iterationRow = new double[Trainer.ITERATION_COLUMNS.size()];
    private long iteration;
    private int epoch;
    private int batchInEpoch;
    private int[] permutation;
    private double bestTestAccuracy = Double.NaN;
    private double wallBefore;
    private long sessionStart;

    TrainingSession(RunSpec spec, RunFolder folder, Trainer.Options options, Trainer.Setup s) {
        this.spec = spec;
        this.folder = folder;
        this.options = options;
        this.s = s;
        this.meter = s.meter();
        this.net = s.model();
        this.method = s.methodConfig().create(RandomStreams.named(spec.seed(), "method").nextLong());
        this.dataOrder = RandomStreams.named(spec.seed(), "data-order");
        this.fresh = RandomStreams.named(spec.seed(), "fresh-batches");
        this.dropoutSeed = RandomStreams.named(spec.seed(), "dropout").nextLong();
        this.monitor = new OutcomeMonitor(spec.outcome());
        this.recorder = new RunRecorder(folder);
    }

    RunResult run() {
        sessionStart = System.nanoTime();
        recorder.cleanStaleTemporaries();
        Optional<Checkpoint> from = recorder.latestCheckpoint(spec.id(), options.log());
        if (from.isPresent()) {
            // before anything is written: a resume must train on the data the run started with
            DataChecksums.requireSame(folder.dir(), DataChecksums.recorded(from.get(), folder), DataChecksums.of(s.data()),
                    options.dataDir());
            restore(from.get());
        } else {
            recorder.discardLogs();
            permutation = shuffled();
        }
        Interruption.runStarted();
        try {
            recorder.openLogs(from, Trainer.EPOCH_COLUMNS, Trainer.ITERATION_COLUMNS);
            writeProvenance();
            return train();
        } finally {
            recorder.close();
            Interruption.acknowledge();
        }
    }

    private RunResult train() {
        long lastCheckpoint = System.nanoTime();
        try {
            while (!budgetSpent()) {
                int from = batchInEpoch * spec.batchSize();
                int to = Math.min(from + spec.batchSize(), permutation.length);
                Batch batch = batch(s.train(), Arrays.copyOfRange(permutation, from, to));
                net.seedStochasticLayers(dropoutSeed ^ (iteration * 0x9E3779B97F4A7C15L));
                StepRecord r = method.step(net, batch, this::freshBatch, iteration);
                double[] row = iterationRow;
                row[0] = iteration;
                row[1] = epoch;
                row[2] = r.loss();
                row[3] = r.learningRate();
                row[4] = r.sharpness().orElse(Double.NaN);
                row[5] = r.probeStepLength().orElse(Double.NaN);
                row[6] = meter.gradientCalls();
                recorder.appendIteration(row);
                options.listener().iterationEnd(iteration, r.loss(), meter.gradientCalls());
                if (r.diverged()) {
                    return end(RunStatus.DIVERGED, Optional.of("iteration " + iteration + ": " + r.divergence().get()),
                            OptionalLong.of(iteration), Map.of(), Optional.empty());
                }
                remember(iteration, r.loss());
                Optional<OutcomeMonitor.Verdict> blowUp = monitor.observe(iteration, r.loss());
                if (blowUp.isPresent()) {
                    return diverged(blowUp.get());
                }
                iteration++;
                batchInEpoch++;
                if (to == permutation.length) {
                    endEpoch();
                    checkpoint();
                    lastCheckpoint = System.nanoTime();
                } else if ((System.nanoTime() - lastCheckpoint) / 1e9 >= options.checkpointSeconds()) {
                    checkpoint();
                    lastCheckpoint = System.nanoTime();
                }
                if (Interruption.requested()) {
                    checkpoint();
                    throw new Interruption.StopRequested("run " + spec.id() + " stopped by a signal after iteration "
                            + (iteration - 1) + "; its checkpoint is written, rerun to resume");
                }
            }
            if (batchInEpoch > 0) {
                endEpoch(); // a gradient-call budget can end inside an epoch
            }
            method.finish(net, trainingBatches());
            if (!net.params().allFinite()) {
                return end(RunStatus.DIVERGED, Optional.of("after training: non-finite parameters"), OptionalLong.of(iteration),
                        Map.of(), Optional.empty());
            }
            return complete();
        } catch (Interruption.StopRequested e) {
            throw e;
        } catch (UncheckedIOException | OutOfMemoryError e) {
            return failed(e, RunResult.FailureKind.INFRASTRUCTURE);
        } catch (RuntimeException e) {
            return failed(e, RunResult.FailureKind.DETERMINISTIC);
        }
    }

    private void remember(long k, double loss) {
        recentIterations[recentNext] = k;
        recentLossValues[recentNext] = loss;
        recentNext = (recentNext + 1) % EVIDENCE;
        recentCount = Math.min(EVIDENCE, recentCount + 1);
    }

    private RunResult diverged(OutcomeMonitor.Verdict v) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", v.rule());
        evidence.put("from_iteration", v.fromIteration());
        evidence.put("detected_at", iteration);
        evidence.put("loss_average", v.average());
        evidence.put("reference_loss", v.reference());
        evidence.put("starting_loss", monitor.startingLoss());
        evidence.put("outcome_rule", spec.outcome().describe());
        List<List<Double>> trace = new ArrayList<>();
        for (int i = 0; i < recentCount; i++) {
            int at = (recentNext - recentCount + i + EVIDENCE) % EVIDENCE; // oldest first
            trace.add(List.of((double) recentIterations[at], recentLossValues[at]));
        }
        evidence.put("loss_trace", trace);
        String cause = String.format(java.util.Locale.ROOT,
                "iteration %d: the training loss blew up (%s: average %.4g against %s %.4g for %d iterations)",
                v.fromIteration(), v.rule(), v.average(), v.rule().equals("blowup") ? "starting loss" : "running minimum",
                v.reference(), spec.outcome().patience());
        return end(RunStatus.DIVERGED, Optional.of(cause), OptionalLong.of(v.fromIteration()), Map.of("evidence", evidence),
                Optional.empty());
    }

    private RunResult complete() {
        FinalEvaluation.Outcome o = new FinalEvaluation(spec, s, net, evaluationMeter).measure(bestTestAccuracy, monitor.startingLoss());
        return end(o.status(), o.cause(), OptionalLong.empty(), o.details(), Optional.empty(), o.metrics());
    }

    private RunResult failed(Throwable e, RunResult.FailureKind kind) {
        String cause = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (kind == RunResult.FailureKind.INFRASTRUCTURE
                        ? " (an infrastructure failure: rerun the same command to resume from the last good checkpoint)"
                        : "");
        return end(RunStatus.FAILED, Optional.of(cause), OptionalLong.empty(), Map.of(), Optional.of(e), Map.of(),
                Optional.of(kind));
    }

    private RunResult end(RunStatus status, Optional<String> cause, OptionalLong at, Map<String, Object> extra,
            Optional<Throwable> failure) {
        return end(status, cause, at, extra, failure, Map.of(), Optional.empty());
    }

    private RunResult end(RunStatus status, Optional<String> cause, OptionalLong at, Map<String, Object> extra,
            Optional<Throwable> failure, Map<Metric, Double> finalMetrics) {
        return end(status, cause, at, extra, failure, finalMetrics, Optional.empty());
    }

    private RunResult end(RunStatus status, Optional<String> cause, OptionalLong at, Map<String, Object> extra,
            Optional<Throwable> failure, Map<Metric, Double> finalMetrics, Optional<RunResult.FailureKind> kind) {
        // the outcome (diverged, collapsed) is the status: no 0/1 metric repeats it
        Map<Metric, Double> metrics = new LinkedHashMap<>(finalMetrics);
        MeterReading spent = meter.reading();
        metrics.put(Metric.GRAD_CALLS, (double) spent.gradientCalls());
        metrics.put(Metric.FORWARD_CALLS, (double) spent.forwardCalls());
        metrics.put(Metric.ITERATIONS, (double) iteration);
        metrics.put(Metric.PAPER_CALLS, Math.rint(iteration * spec.method().paperCallsPerIteration()));
        metrics.put(Metric.EPOCHS, (double) epoch);
        metrics.put(Metric.WALL_SECONDS, wallSeconds());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", io.salr.harness.codec.ConfigTree.method(s.methodConfig()));
        details.put("budget", spec.budget().describe());
        details.putAll(extra);
        RunResult result = new RunResult(spec.id(), status, cause,
                status == RunStatus.FAILED ? Optional.of(kind.orElse(RunResult.FailureKind.DETERMINISTIC)) : Optional.empty(),
                at, metrics, Optional.of(spent), Optional.of(evaluationMeter.reading()), details);
        if (status == RunStatus.FAILED && kind.orElse(RunResult.FailureKind.DETERMINISTIC)
                == RunResult.FailureKind.INFRASTRUCTURE) {
            // keep the checkpoints: a rerun resumes from the last good one
            try {
                recorder.writeResult(result, failure);
            } catch (UncheckedIOException e) {
                // the disk may still be full: the checkpoints are intact, and a rerun resumes without this result
            }
            return result;
        }
        recorder.flushLogs();
        finishProvenance();
        if (status == RunStatus.COMPLETED && spec.weights().save()) {
            // before the result: a complete run that was asked to keep its weights has them
            new FinalWeights(spec.id(), net.layout(), net.params().toDoubleArray()).write(folder.weights());
        }
        recorder.writeResult(result, failure);
        recorder.deleteCheckpoints();
        return result;
    }

    /**
     * Whether the budget is spent. A gradient-call budget also pays for what {@code finish} will spend:
     * SWA's BatchNorm pass over the training data (one call per batch) on a network with BatchNorm, so that
     * SWA stops training early enough for the whole run to fit the budget.
     */
    private boolean budgetSpent() {
        if (spec.budget().inEpochs()) {
            return epoch >= spec.budget().epochs();
        }
        if (spec.budget().inIterations()) {
            return iteration >= spec.budget().iterations();
        }
        return meter.gradientCalls() + s.finishCost() >= spec.budget().gradientCalls();
    }

    private int[] shuffled() {
        int[] p = new int[s.train().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) { // Fisher-Yates from the data-order stream
            int j = dataOrder.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private Batch batch(ExampleSet set, int[] indices) {
        return net.batch(set.batch(indices));
    }

    private Batch freshBatch() {
        int[] idx = new int[Math.min(spec.batchSize(), s.train().size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = fresh.nextInt(s.train().size());
        }
        return batch(s.train(), idx);
    }

    /** The training data in order, in batches made one at a time (SWA's BatchNorm pass). */
    private Iterable<Batch> trainingBatches() {
        int n = s.train().size();
        return () -> new java.util.Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Batch b = batch(s.train(), FinalEvaluation.range(from, Math.min(n, from + spec.batchSize())));
                from += spec.batchSize();
                return b;
            }
        };
    }

    private void endEpoch() {
        Evaluation.LossAccuracy train = FinalEvaluation.evaluate(net, s.train(),
                (int) spec.evaluation().curveExamples(s.train().size()), evaluationMeter);
        Evaluation.LossAccuracy test = FinalEvaluation.evaluate(net, s.test(), evaluationMeter);
        double[] row = {epoch + 1, iteration, train.loss(), train.accuracy(), test.loss(), test.accuracy(),
            meter.gradientCalls(), meter.forwardCalls(), wallSeconds()};
        recorder.appendEpoch(row);
        bestTestAccuracy = Double.isNaN(bestTestAccuracy) ? test.accuracy() : Math.max(bestTestAccuracy, test.accuracy());
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            named.put(Trainer.EPOCH_COLUMNS.get(i), row[i]);
        }
        options.listener().epochEnd(epoch + 1, named);
        epoch++;
        batchInEpoch = 0;
        permutation = shuffled();
    }

    private double wallSeconds() {
        return wallBefore + (System.nanoTime() - sessionStart) / 1e9;
    }

    private void checkpoint() {
        long[] lengths = recorder.flushLogs();
        FlatVector p = net.params();
        recorder.writeCheckpoint(new Checkpoint(spec.id(), iteration, epoch, batchInEpoch, permutation,
                Map.of("data-order", RandomStreams.save(dataOrder), "fresh-batches", RandomStreams.save(fresh)),
                p.toDoubleArray(), method.snapshot(), meter.reading(), evaluationMeter.reading(), lengths[0], lengths[1],
                monitor.state(), bestTestAccuracy, wallSeconds(), DataChecksums.of(s.data())));
    }

    private void restore(Checkpoint c) {
        iteration = c.iteration();
        epoch = c.epoch();
        batchInEpoch = c.batchInEpoch();
        permutation = c.permutation();
        RandomStreams.restore(dataOrder, c.streams().get("data-order"));
        RandomStreams.restore(fresh, c.streams().get("fresh-batches"));
        FlatVector like = net.zeros();
        net.setParams(like.like(c.params()));
        method.restore(c.method(), like);
        meter.restore(c.meter());
        evaluationMeter.restore(c.evaluationMeter());
        monitor.restore(c.monitor());
        bestTestAccuracy = c.bestTestAccuracy();
        wallBefore = c.wallSeconds();
    }

    private void writeProvenance() {
        if (Files.exists(folder.provenance())) {
            return;
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        for (FileDigest d : s.data().info().files()) {
            checksums.put(d.fileName(), d.sha256());
        }
        Provenance p = ProvenanceCollector.collect(ProvenanceCollector.codeDirectory(), Kernels.describeThisProcess())
                .withData(checksums)
                .withEngine(s.engine());
        if (s.initSource().isEmpty()) {
            RunFolder.writeJson(folder.provenance(), p);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = RunFolder.JSON.convertValue(p, Map.class);
        tree.put("initFrom", s.initSource().get().describe()); // the run (id, folder) and weights this run started from
        RunFolder.writeJson(folder.provenance(), tree);
    }

    private void finishProvenance() {
        Map<String, Object> stored = RunFolder.readJson(folder.provenance());
        stored.put("finishedAt", Instant.now().toString());
        RunFolder.writeJson(folder.provenance(), stored);
    }

    /** The chance level of the test set: the frequency of its most common class (1 / classes for text). */
    static double chance(ExampleSet test) {
        if (test instanceof LabeledData ld) {
            int[] counts = ld.classCounts();
            int max = 0;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            return (double) max / ld.size();
        }
        return 1.0 / test.numClasses();
    }
}
