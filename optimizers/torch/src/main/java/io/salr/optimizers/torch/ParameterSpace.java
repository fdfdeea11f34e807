package io.salr.optimizers.torch;

import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.methods.RandomStreams;
import io.salr.validation.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The parameters of one network, laid out in one flat tensor the way DL4J lays out the same network
 * (layer after layer; inside a layer DL4J's key order: {@code W, b} for dense layers, {@code b, W} for
 * convolutions, {@code gamma, beta, mean, log10stdev} for BatchNorm, {@code W, RW, b} for LSTMs). Each
 * parameter array is a view of the flat tensor; the trainable ones are autograd leaves whose gradient is
 * a view of one flat gradient tensor, so a backward pass writes the whole gradient in place and nothing
 * has to be gathered.
 *
 * <p>Slots are declared first ({@link #add}), then {@link #allocate} makes the tensors and fills them from
 * the initialization stream, slot by slot in layout order.
 */
final class ParameterSpace {

    /** How a slot is initialized. */
    interface Init {
        /** Fills {@code values} (the slot's entries in layout order) using {@code gaussian} for random draws. */
        void fill(double[] values, ZigguratSampler.NormalizedGaussian gaussian);
    }

    /** All entries {@code value}. */
    static Init constant(double value) {
        return (v, g) -> Arrays.fill(v, value);
    }

    /** Independent N(0, std^2) entries (DL4J's RELU and XAVIER schemes differ only in std). */
    static Init normal(double std) {
        Checks.positive("std", std);
        return (v, g) -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = std * g.sample();
            }
        };
    }

    /** One declared parameter array. */
    record Slot(String layer, String key, long[] shape, boolean trainable, Init init) {
        long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private Tensor flat;
    private Tensor gradFlat;
    private Tensor[] views;
    private Tensor[] leaves;
    private long[] offsets;
    private List<ParameterBlock> layout;

    /** Declares a slot; returns its index. */
    int add(String layer, String key, long[] shape, boolean trainable, Init init) {
        if (flat != null) {
            throw new IllegalStateException("slots are declared before allocate()");
        }
        slots.add(new Slot(layer, key, shape.clone(), trainable, init));
        return slots.size() - 1;
    }

    /**
     * Makes the flat tensor in {@code type} on {@code device} and fills it: random slots from the stream
     * {@code torch-init} of {@code seed} (a Java generator, so the values do not depend on LibTorch's
     * version or on the device), the others with their constants.
     */
    void allocate(ScalarType type, Device device, long seed) {
        double[] values = initialValues(seed);
        allocate(type, device, values);
    }

    /** Makes the flat tensor in {@code type} on {@code device} holding {@code values}. */
    void allocate(ScalarType type, Device device, double[] values) {
        long total = numParams();
        if (values.length != total) {
            throw new IllegalArgumentException("values.length " + values.length + " must equal " + total);
        }
        try (PointerScope scope = new PointerScope()) {
            TorchVector v = TorchVector.of(values, type, torch.zeros(new long[] {0},
                    new TensorOptions(type).device(new org.bytedeco.pytorch.DeviceOptional(device))));
            flat = TorchVector.keep(v.tensor());
            gradFlat = TorchVector.keep(torch.zeros(new long[] {total}, new TensorOptions(type).device(new org.bytedeco.pytorch.DeviceOptional(device))));
            views = new Tensor[slots.size()];
            leaves = new Tensor[slots.size()];
            offsets = new long[slots.size()];
            List<ParameterBlock> blocks = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                long n = s.numel();
                offsets[i] = offset;
                views[i] = TorchVector.keep(flat.narrow(0, offset, n).view(s.shape()));
                if (s.trainable()) {
                    // A leaf sharing the flat storage (detach() shares it), with a gradient that is a view
                    // of the flat gradient: autograd then accumulates into that view in place
                    // (torch/csrc/autograd/functions/accumulate_grad.h: "variable_grad += new_grad" when
                    // grad mode is off, as it is during backward()).
                    Tensor leaf = TorchVector.keep(views[i].detach());
                    leaf.requires_grad_(true);
                    leaf.mutable_grad().put(gradFlat.narrow(0, offset, n).view(s.shape()));
                    leaves[i] = leaf;
                } else {
                    leaves[i] = views[i];
                }
                blocks.add(new ParameterBlock(s.layer(), s.key(), offset, n, s.trainable()));
                offset += n;
            }
            layout = List.copyOf(blocks);
        }
    }

    /** The initial values, slot by slot, from the seed's {@code torch-init} stream. */
    double[] initialValues(long seed) {
        long total = numParams();
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a network of " + total + " parameters does not fit one Java array");
        }
        double[] all = new double[(int) total];
        UniformRandomProvider rng = RandomStreams.named(seed, "torch-init");
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        int offset = 0;
        for (Slot s : slots) {
            double[] v = new double[(int) s.numel()];
            s.init().fill(v, gaussian);
            System.arraycopy(v, 0, all, offset, v.length);
            offset += v.length;
        }
        return all;
    }

    long numParams() {
        long n = 0;
        for (Slot s : slots) {
            n += s.numel();
        }
        return n;
    }

    List<Slot> slots() {
        return List.copyOf(slots);
    }

    Slot slot(int index) {
        return slots.get(index);
    }

    /** The tensor a forward pass uses for slot {@code index}: the autograd leaf of a trainable slot, else the view. */
    Tensor param(int index) {
        return leaves[index];
    }

    /** The plain view of slot {@code index} (no autograd). */
    Tensor view(int index) {
        return views[index];
    }

    long offset(int index) {
        return offsets[index];
    }

    Tensor flat() {
        return flat;
    }

    Tensor gradFlat() {
        return gradFlat;
    }

    List<ParameterBlock> layout() {
        return layout;
    }
}
