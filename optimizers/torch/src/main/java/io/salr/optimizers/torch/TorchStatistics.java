package io.salr.optimizers.torch;

import io.salr.optimizers.engine.StatisticsUpdate;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;

/**
 * The batch statistics of every BatchNorm layer from one training-mode pass, held until
 * {@link TorchModel#applyStatistics} moves the running statistics with them. Belongs to the model whose pass
 * made it.
 */
final class TorchStatistics implements StatisticsUpdate {

    private final Object owner;
    private final List<BatchNormLayer.Statistics> layers;

    TorchStatistics(Object owner, List<BatchNormLayer.Statistics> layers) {
        this.owner = owner;
        this.layers = List.copyOf(layers);
    }

    Object owner() {
        return owner;
    }

    List<BatchNormLayer.Statistics> layers() {
        return layers;
    }

    @Override
    public boolean isFinite() {
        try (PointerScope scope = new PointerScope()) {
            for (BatchNormLayer.Statistics s : layers) {
                if (!torch.isfinite(s.mean()).all().item_bool() || !torch.isfinite(s.variance()).all().item_bool()) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "TorchStatistics[" + layers.size() + " BatchNorm layers]";
    }
}
