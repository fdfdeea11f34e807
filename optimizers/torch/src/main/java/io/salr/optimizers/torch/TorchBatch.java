package io.salr.optimizers.torch;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.HostBatch;
import org.bytedeco.pytorch.Tensor;

/**
 * A minibatch as LibTorch tensors on the model's device: images [B, C, H, W] in the model's floating-point
 * type, or input symbols [B, T] (int64); targets as int64 class indices, [B] or [B * T].
 */
final class TorchBatch implements Batch {

    private final HostBatch.Kind kind;
    private final Tensor input;
    private final Tensor targets;
    private final int size;
    private final int positions;
    private final int[] exampleShape;
    private final int numClasses;

    TorchBatch(HostBatch.Kind kind, Tensor input, Tensor targets, int size, int positions, int[] exampleShape,
            int numClasses) {
        this.kind = kind;
        this.input = input;
        this.targets = targets;
        this.size = size;
        this.positions = positions;
        this.exampleShape = exampleShape.clone();
        this.numClasses = numClasses;
    }

    @Override
    public int size() {
        return size;
    }

    HostBatch.Kind kind() {
        return kind;
    }

    Tensor input() {
        return input;
    }

    Tensor targets() {
        return targets;
    }

    int positions() {
        return positions;
    }

    int[] exampleShape() {
        return exampleShape.clone();
    }

    int numClasses() {
        return numClasses;
    }

    @Override
    public String toString() {
        return "TorchBatch[" + kind + ", " + size + " examples]";
    }
}
