package io.salr.harness.run;

import io.salr.optimizers.dl4j.Dl4jEngine;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.Network;
import io.salr.optimizers.torch.TorchEngine;
import io.salr.validation.InvalidParameterException;
import java.util.Locale;

/**
 * The training engine a run uses, part of its spec (and so of its id): {@code dl4j} (the default) or
 * {@code torch} (LibTorch through JavaCPP).
 */
public enum EngineChoice {
    DL4J,
    TORCH;

    /** The name in specs and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code dl4j} or {@code torch}; anything else names the field and the value. */
    public static EngineChoice parse(String field, Object text) {
        String t = text == null ? "" : String.valueOf(text).trim().toLowerCase(Locale.ROOT);
        for (EngineChoice e : values()) {
            if (e.label().equals(t)) {
                return e;
            }
        }
        throw new InvalidParameterException(field, text, "must be dl4j or torch");
    }

    /**
     * Gradient calls one per-example normalized direction (Algorithm 2) costs for this engine on {@code network},
     * for planning: the route the network's facts give for the layer kinds this engine's one-pass norms cover
     * ({@link Network#perExampleRoute}); the model's own {@code perExampleDirectionCalls} is what it really
     * costs (a test keeps the two equal). Both engines: 1 without BatchNorm, one pass per example where
     * BatchNorm couples the examples (always for the ResNets); on DL4J the char-LSTM's recurrent layers also
     * take one pass per example, LibTorch handles them in 1.
     */
    public long perExampleDirectionCalls(Network network, boolean batchNorm, int batchSize) {
        return network.perExampleRoute(batchNorm, create().onePassNormLayers()).gradientCalls(batchSize);
    }

    /**
     * Refuses a device this engine cannot be asked for: DL4J computes where its build puts it (ND4J's CPU
     * backend, or its CUDA backend with {@code SALR_BACKEND=cuda}), so a DL4J run holds {@code cpu}; the torch
     * engine takes any device of {@link ComputeDevice}. Whether the device exists on this machine is
     * {@link #checkAvailable}'s question.
     *
     * @throws InvalidParameterException naming {@code field} and the device
     */
    public void requireDevice(String field, ComputeDevice device) {
        if (this == DL4J && !device.isCpu()) {
            throw new InvalidParameterException(field, device.label(), "is not chosen per run for the dl4j engine:"
                    + " DL4J's device comes from the build (SALR_BACKEND=cuda ./salr ..., ND4J's CUDA backend, GPUs of"
                    + " compute capability up to 8.6); for a run on a GPU use --engine torch --device " + device.label()
                    + " (engines: [torch] and device: " + device.label() + " in a sweep spec)");
        }
    }

    /**
     * Checks, before anything is written, that {@code device} is usable by this engine on this machine: for
     * the torch engine on a CUDA device this loads LibTorch and asks it for CUDA.
     *
     * @throws InvalidParameterException naming the device and what is missing
     */
    public void checkAvailable(ComputeDevice device) {
        requireDevice("device", device);
        if (this == TORCH && !device.isCpu()) {
            new TorchEngine(device.label()).checkDevice();
        }
    }

    /** A new engine of this kind on the CPU. */
    public Engine create() {
        return create(ComputeDevice.CPU);
    }

    /** A new engine of this kind on {@code device} (DL4J: only {@code cpu}, see {@link #requireDevice}). */
    public Engine create(ComputeDevice device) {
        requireDevice("device", device);
        return switch (this) {
            case DL4J -> new Dl4jEngine();
            case TORCH -> new TorchEngine(device.label());
        };
    }
}
