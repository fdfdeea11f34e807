package io.salr.optimizers.torch;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.engine.Predictions;
import io.salr.optimizers.engine.StatisticsUpdate;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A network of the zoo on LibTorch, seen through the engine boundary ({@link TrainableModel}).
 *
 * <p><b>Parameters.</b> One flat tensor holds every parameter and the BatchNorm running statistics, in
 * DL4J's layout ({@link ParameterSpace}); the layers compute on views of it, so {@link #params()} and
 * {@link #setParams} are one copy each and a backward pass writes the gradient straight into one flat
 * gradient tensor (zero at the running-statistic positions).
 *
 * <p><b>Passes.</b> Training-mode passes normalize with the batch's statistics and leave the running ones
 * untouched; their would-be update travels in the result's {@link StatisticsUpdate} and moves the running
 * statistics only through {@link #applyStatistics} ({@link BatchNormLayer}). Dropout masks come from a
 * LibTorch CPU generator that every training-mode pass restarts from the last
 * {@link #seedStochasticLayers} seed: after one seed, every pass on batches of one shape uses the same
 * masks, so a probe or a perturbed evaluation sees the same function as the step it belongs to.
 *
 * <p><b>Per-example gradients.</b> Without BatchNorm the examples of a batch are independent, and
 * {@link #perExampleNormalizedGradient} gets every ||grad f_j|| exactly from one backward pass to the layer
 * outputs ({@link Tap}), then the direction from the same stored layer inputs and output gradients as one
 * weighted product per layer: one forward and one backward pass, counted as 1 gradient call. With BatchNorm each f_j depends on the whole batch; then one forward pass is followed
 * by B backward passes, one per example, counted as B gradient calls (as on DL4J).
 *
 * <p>A model is not thread-safe: one model belongs to one training run and one thread.
 */
public final class TorchModel implements TrainableModel {

    private final ModelSpec spec;
    private final ScalarType type;
    private final Device device;
    private final GradientMeter meter;
    private final boolean dropoutActive;
    private final ParameterSpace space;
    private final TorchZoo.Built network;
    private final Tensor mask;
    /** The trainable mask as one vector handed out to every caller (who must not modify it). */
    private final TorchVector maskVector;
    /** The flat parameters as a vector without a copy ({@link #parameterView}). */
    private final TorchVector parameterView;
    /** Where {@link #applyUpdate} forms theta - delta before it is checked and copied back; made on first use. */
    private Tensor nextParams;
    private final Generator generator;
    private long dropoutSeed;

    /**
     * A model of {@code spec} in {@code type} on {@code device}, initialized from {@code initial} (the flat
     * vector, running statistics included) or, when null, from the spec's seed.
     */
    TorchModel(ModelSpec spec, ScalarType type, Device device, GradientMeter meter, boolean dropoutActive,
            double[] initial) {
        TorchRuntime.ensureLoaded();
        this.spec = Checks.present("spec", spec);
        this.type = type;
        this.device = device;
        this.meter = Checks.present("meter", meter);
        this.dropoutActive = dropoutActive;
        this.space = new ParameterSpace();
        this.network = TorchZoo.build(spec, space);
        if (initial == null) {
            space.allocate(type, device, spec.seed());
        } else {
            space.allocate(type, device, initial);
        }
        double[] maskValues = new double[Math.toIntExact(space.numParams())];
        for (ParameterBlock block : space.layout()) {
            if (block.trainable()) {
                Arrays.fill(maskValues, (int) block.offset(), (int) (block.offset() + block.length()), 1.0);
            }
        }
        this.maskVector = TorchVector.of(maskValues, type, space.flat());
        this.mask = maskVector.tensor();
        this.parameterView = new TorchVector(space.flat());
        this.generator = torch.make_generator_cpu(0);
        this.dropoutSeed = spec.seed() ^ 0x5DEECE66DL;
    }

    /** The spec this model was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** The floating-point type of the parameters and of every vector the model returns. */
    public ScalarType scalarType() {
        return type;
    }

    @Override
    public GradientMeter meter() {
        return meter;
    }

    @Override
    public long numParams() {
        return space.numParams();
    }

    @Override
    public List<ParameterBlock> layout() {
        return space.layout();
    }

    @Override
    public FlatVector params() {
        try (PointerScope scope = new PointerScope()) {
            return new TorchVector(TorchVector.keep(space.flat().clone()));
        }
    }

    @Override
    public void setParams(FlatVector params) {
        TorchVector v = vector(params, "params");
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            space.flat().copy_(v.tensor());
        }
    }

    /** The flat parameter tensor itself, wrapped: it follows every change of the parameters. */
    @Override
    public FlatVector parameterView() {
        return parameterView;
    }

    /**
     * theta - delta into a buffer the model keeps (the same ATen subtraction as {@code params().sub(delta)},
     * so the same bits), the finiteness check of {@link TorchVector#allFinite} on it, then one copy into the
     * parameters: no parameter copy handed out and no new tensor per step.
     */
    @Override
    public boolean applyUpdate(FlatVector delta) {
        TorchVector d = vector(delta, "delta");
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            if (nextParams == null) {
                nextParams = TorchVector.keep(torch.empty_like(space.flat()));
            }
            torch.sub_out(nextParams, space.flat(), d.tensor());
            if (!TorchVector.allFinite(nextParams)) {
                return false;
            }
            space.flat().copy_(nextParams);
        }
        return true;
    }

    private TorchVector vector(FlatVector v, String name) {
        Checks.present(name, v);
        if (!(v instanceof TorchVector t)) {
            throw new InvalidParameterException(name, v.getClass().getSimpleName(),
                    "must be a vector of the torch engine (TorchVector)");
        }
        if (t.length() != numParams()) {
            throw new InvalidParameterException(name + ".length", t.length(), "must equal numParams " + numParams());
        }
        if (t.scalarType() != type) {
            throw new InvalidParameterException(name + ".type", t.scalarType(), "must be the model's " + type);
        }
        return t;
    }

    /** The same vector every time (the caller must not modify it, as the boundary says): no copy per step. */
    @Override
    public FlatVector trainableMask() {
        return maskVector;
    }

    @Override
    public FlatVector zeros() {
        try (PointerScope scope = new PointerScope()) {
            return new TorchVector(TorchVector.keep(torch.zeros_like(space.flat())));
        }
    }

    @Override
    public boolean hasRunningStatistics() {
        return !network.batchNorms().isEmpty();
    }

    @Override
    public Batch batch(HostBatch host) {
        Checks.present("host", host);
        if (host.numClasses() != spec.numClasses()) {
            throw new InvalidParameterException("batch.numClasses", host.numClasses(),
                    "must equal the model's numClasses " + spec.numClasses());
        }
        int[] shape = host.exampleShape();
        int[] expected = spec.inputShape();
        boolean sequences = network.sequences();
        if (sequences != (host.kind() == HostBatch.Kind.SEQUENCES)) {
            throw new InvalidParameterException("batch.kind", host.kind(), "does not fit " + spec.architecture());
        }
        if (sequences ? shape.length != 2 || shape[0] != expected[0] : !Arrays.equals(shape, expected)) {
            throw new InvalidParameterException("batch.exampleShape", Arrays.toString(shape),
                    "must fit the model's input shape " + Arrays.toString(expected));
        }
        int b = host.size();
        try (PointerScope scope = new PointerScope()) {
            Tensor input;
            if (sequences) {
                Tensor tokens = torch.from_blob(new IntPointer(host.tokens()), new long[] {b, shape[1]},
                        new TensorOptions(ScalarType.Int));
                for (int t : host.tokens()) {
                    if (t < 0 || t >= expected[0]) {
                        throw new InvalidParameterException("batch.tokens", t, "must lie in [0, " + expected[0] + ")");
                    }
                }
                input = tokens.to(device, ScalarType.Long).clone();
            } else {
                Tensor pixels = torch.from_blob(new FloatPointer(host.features()),
                        new long[] {b, shape[0], shape[1], shape[2]}, new TensorOptions(ScalarType.Float));
                input = pixels.to(device, type).clone();
            }
            Tensor targets = torch.from_blob(new IntPointer(host.targets()), new long[] {host.positions()},
                    new TensorOptions(ScalarType.Int)).to(device, ScalarType.Long).clone();
            return new TorchBatch(host.kind(), TorchVector.keep(input), TorchVector.keep(targets), b,
                    host.positions(), shape, host.numClasses());
        }
    }

    private TorchBatch own(Batch batch) {
        Checks.present("batch", batch);
        if (!(batch instanceof TorchBatch t)) {
            throw new InvalidParameterException("batch", batch.getClass().getSimpleName(),
                    "must be a batch of the torch engine (made by TorchModel.batch)");
        }
        if (t.numClasses() != spec.numClasses()) {
            throw new InvalidParameterException("batch.numClasses", t.numClasses(), "must equal " + spec.numClasses());
        }
        int[] shape = t.exampleShape();
        boolean fits = network.sequences() ? shape[0] == spec.inputShape()[0] : Arrays.equals(shape, spec.inputShape());
        if (!fits) {
            throw new InvalidParameterException("batch.exampleShape", Arrays.toString(shape),
                    "must fit the model's input shape " + Arrays.toString(spec.inputShape()));
        }
        return t;
    }

    /** The logits [positions, classes] of {@code batch} in {@code pass}. */
    private Tensor logits(TorchBatch batch, Pass pass) {
        Tensor x = batch.input();
        if (network.sequences()) {
            x = torch.one_hot(x, spec.inputShape()[0]).to(type);
        } else if (TorchVector.typeOf(x) != type) {
            x = x.to(type);
        }
        Tensor y = network.body().forward(x, pass);
        return network.sequences() ? y.reshape(-1, spec.numClasses()) : y;
    }

    /** Per-position cross-entropy losses [positions]. */
    private static Tensor positionLosses(Tensor logits, Tensor targets) {
        return torch.nll_loss(torch.log_softmax(logits, 1), targets, new TensorOptional(), 0, -100);
    }

    /** Per-example losses f_j [B]: for sequences the mean over the example's time steps. */
    private Tensor exampleLosses(Tensor logits, TorchBatch batch) {
        Tensor l = positionLosses(logits, batch.targets());
        return network.sequences() ? l.reshape(batch.size(), -1).mean(1) : l;
    }

    private Pass trainingPass(boolean taps) {
        Generator g = null;
        if (dropoutActive && network.hasDropout()) {
            generator.set_current_seed(dropoutSeed);
            g = generator;
        }
        return new Pass(true, space, g, taps);
    }

    private StatisticsUpdate statistics(Pass pass) {
        return pass.statistics.isEmpty() ? StatisticsUpdate.NONE : new TorchStatistics(this, pass.statistics);
    }

    @Override
    public LossGradient lossAndGradient(Batch batch) {
        TorchBatch b = own(batch);
        LossGradient result;
        try (PointerScope scope = new PointerScope()) {
            space.gradFlat().zero_();
            Pass pass = trainingPass(false);
            Tensor loss = torch.nll_loss(torch.log_softmax(logits(b, pass), 1), b.targets());
            loss.backward();
            double value = loss.item_double();
            TorchVector gradient = new TorchVector(TorchVector.keep(space.gradFlat().clone()));
            result = new LossGradient(value, gradient, statistics(pass), b.size());
        }
        meter.recordGradientCall(b.size());
        return result;
    }

    @Override
    public NormalizedGradient perExampleNormalizedGradient(Batch batch) {
        TorchBatch b = own(batch);
        return hasRunningStatistics() ? perExampleByPasses(b) : perExampleFromTaps(b);
    }

    /**
     * One forward and one backward pass: the backward pass gives the gradient of sum_j f_j at every layer
     * output (each tap's D) and at the parameters (the mean gradient); the norms come from each tap's
     * stored input A and D, and the direction from the same tensors as one weighted product per layer,
     * (w D)^T A with w_j = 1/(B ||g_j||) (DESIGN, "per-example direction").
     */
    private NormalizedGradient perExampleFromTaps(TorchBatch b) {
        int n = b.size();
        double[] norms = new double[n];
        NormalizedGradient result;
        try (PointerScope scope = new PointerScope()) {
            Pass pass = trainingPass(true);
            Tensor losses = exampleLosses(logits(b, pass), b);
            List<Tensor> outputs = new ArrayList<>();
            for (Tap tap : pass.taps) {
                outputs.addAll(tap.outputs());
            }
            int tapCount = outputs.size();
            // the same backward pass also gives the summed gradient of the trainable parameters (the mean
            // gradient a training step at this point reuses)
            List<Integer> trainable = new ArrayList<>();
            for (int i = 0; i < space.slots().size(); i++) {
                if (space.slot(i).trainable()) {
                    trainable.add(i);
                    outputs.add(space.param(i));
                }
            }
            TensorVector grads = torch.grad(new TensorVector(losses.sum()),
                    new TensorVector(outputs.toArray(new Tensor[0])), new TensorVector(), new BoolOptional(false),
                    false, true);
            Tensor mean = torch.zeros_like(space.flat());
            Tensor direction = torch.zeros_like(space.flat());
            double loss;
            try (NoGradGuard g = new NoGradGuard()) {
                for (int t = 0; t < trainable.size(); t++) {
                    int i = trainable.get(t);
                    Tensor gi = grads.get(tapCount + t);
                    if (gi.defined()) {
                        torch.div_out(mean.narrow(0, space.offset(i), space.slot(i).numel()),
                                gi.reshape(new long[] {-1}), new Scalar((double) n));
                    }
                }
                List<List<Tensor>> tapGradients = new ArrayList<>(pass.taps.size());
                Tensor squared = torch.zeros(new long[] {n}, new TensorOptions(type).device(new org.bytedeco.pytorch.DeviceOptional(device)));
                int k = 0;
                for (Tap tap : pass.taps) {
                    int m = tap.outputs().size();
                    List<Tensor> slice = new ArrayList<>(m);
                    for (int i = 0; i < m; i++) {
                        slice.add(grads.get(k + i));
                    }
                    k += m;
                    tapGradients.add(slice);
                    squared.add_(tap.squaredNorms(slice));
                }
                Tensor normTensor = squared.sqrt().to(new Device(torch.kCPU()), ScalarType.Double).contiguous();
                normTensor.data_ptr_double().get(norms);
                double[] weights = new double[n];
                for (int j = 0; j < n; j++) {
                    weights[j] = norms[j] > 0 ? 1.0 / (n * norms[j]) : 0.0;
                }
                Tensor w = TorchVector.of(weights, type, space.flat()).tensor();
                for (int t = 0; t < pass.taps.size(); t++) {
                    pass.taps.get(t).weightedGradient(tapGradients.get(t), w, space, direction);
                }
                loss = losses.mean().item_double();
            }
            result = new NormalizedGradient(loss, new TorchVector(TorchVector.keep(direction)), norms,
                    new TorchVector(TorchVector.keep(mean)), statistics(pass));
        }
        meter.recordGradientCall(n);
        return result;
    }

    /** The direction by B backward passes even without BatchNorm (tests compare the two ways). */
    NormalizedGradient perExampleNormalizedGradientByPasses(Batch batch) {
        return perExampleByPasses(own(batch));
    }

    /** One forward pass, then one backward pass per example (BatchNorm couples the examples). */
    private NormalizedGradient perExampleByPasses(TorchBatch b) {
        int n = b.size();
        double[] norms = new double[n];
        NormalizedGradient result;
        try (PointerScope scope = new PointerScope()) {
            Pass pass = trainingPass(false);
            Tensor losses = exampleLosses(logits(b, pass), b);
            Tensor direction = torch.zeros_like(space.flat());
            Tensor mean = torch.zeros_like(space.flat());
            for (int j = 0; j < n; j++) {
                try (PointerScope inner = new PointerScope()) {
                    space.gradFlat().zero_();
                    losses.select(0, j).backward(new Tensor(), new BoolOptional(j < n - 1), false,
                            new TensorArrayRefOptional());
                    try (NoGradGuard g = new NoGradGuard()) {
                        norms[j] = space.gradFlat().norm().item_double();
                        mean.add_(space.gradFlat(), new Scalar(1.0 / n));
                        if (norms[j] > 0) {
                            direction.add_(space.gradFlat(), new Scalar(1.0 / (n * norms[j])));
                        }
                    }
                }
            }
            double loss = losses.mean().item_double();
            result = new NormalizedGradient(loss, new TorchVector(TorchVector.keep(direction)), norms,
                    new TorchVector(TorchVector.keep(mean)), statistics(pass));
        }
        for (int j = 0; j < n; j++) {
            meter.recordGradientCall(n);
        }
        return result;
    }

    @Override
    public double loss(Batch batch) {
        TorchBatch b = own(batch);
        double value;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Pass pass = trainingPass(false);
            value = torch.nll_loss(torch.log_softmax(logits(b, pass), 1), b.targets()).item_double();
        }
        meter.recordForwardCall(b.size());
        return value;
    }

    @Override
    public void applyStatistics(StatisticsUpdate update) {
        Checks.present("update", update);
        if (update == StatisticsUpdate.NONE) {
            return;
        }
        if (!(update instanceof TorchStatistics s) || s.owner() != this) {
            throw new InvalidParameterException("update", update, "must come from a training-mode pass of this model");
        }
        apply(s, BatchNormLayer.DECAY);
    }

    private void apply(TorchStatistics s, double decay) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (BatchNormLayer.Statistics layer : s.layers()) {
                layer.layer().apply(layer, decay, space);
            }
        }
    }

    @Override
    public void recomputeRunningStatistics(Iterable<Batch> batches) {
        Checks.present("batches", batches);
        if (!hasRunningStatistics()) {
            return;
        }
        long t = 0;
        for (Batch batch : batches) {
            TorchBatch b = own(batch);
            TorchStatistics stats;
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Pass pass = trainingPass(false);
                logits(b, pass);
                stats = new TorchStatistics(this, pass.statistics);
                // decay t/(t+1) turns DL4J's exponential average into the running equal-weight mean
                apply(stats, t / (t + 1.0));
            }
            meter.recordForwardCall(b.size());
            t++;
        }
        if (t == 0) {
            throw new InvalidParameterException("batches", "empty", "must hold at least one batch");
        }
    }

    @Override
    public void seedStochasticLayers(long seed) {
        this.dropoutSeed = seed;
    }

    /** Every training pass after a seed already restarts the masks from it (see the class comment). */
    @Override
    public void repeatStochasticLayers() {
        // nothing to do: the next pass draws the seed's masks again
    }

    /** 1 (one pass gives norms, direction and mean gradient) without BatchNorm; one backward pass per example with it. */
    @Override
    public long perExampleDirectionCalls(int batchSize) {
        return hasRunningStatistics() ? batchSize : 1;
    }

    @Override
    public Predictions predict(Batch batch, GradientMeter predictionMeter) {
        TorchBatch b = own(batch);
        Checks.present("meter", predictionMeter);
        Predictions p;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Pass pass = new Pass(false, space, null, false);
            Tensor logits = logits(b, pass);
            Tensor logp = torch.log_softmax(logits, 1);
            double lossSum = torch.nll_loss(logp, b.targets(), new TensorOptional(), 2, -100).item_double();
            long correct = logits.argmax(new LongOptional(1), false).eq(b.targets()).sum().item_long();
            p = new Predictions(lossSum, correct, b.positions());
        }
        predictionMeter.recordForwardCall(b.size());
        return p;
    }

    @Override
    public TrainableModel measurementCopy(GradientMeter measurementMeter) {
        Checks.present("meter", measurementMeter);
        return new TorchModel(spec, ScalarType.Double, device, measurementMeter, false, params().toDoubleArray());
    }

    @Override
    public String toString() {
        return "TorchModel[" + spec.architecture() + ", " + numParams() + " parameters, " + type + "]";
    }
}
