package io.salr.optimizers.dl4j;

import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.validation.Checks;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link NetworkAdapter} for a {@link MultiLayerNetwork}; layers are named by their index. */
final class MultiLayerNetworkAdapter extends AbstractNetworkAdapter {

    private final MultiLayerNetwork network;

    MultiLayerNetworkAdapter(MultiLayerNetwork network, GradientMeter meter) {
        super(meter, Checks.present("network", network).params(), network.getLayers(), names(network));
        this.network = network;
    }

    private static List<String> names(MultiLayerNetwork network) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    void bind(DataSet batch) {
        network.setInput(batch.getFeatures());
        network.setLabels(batch.getLabels());
        network.setLayerMaskArrays(batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    @Override
    void unbind() {
        network.clearLayerMaskArrays();
        network.clear();
    }

    @Override
    double computeGradientAndScore() {
        network.computeGradientAndScore();
        return network.score();
    }

    @Override
    INDArray flatGradient() {
        return network.gradient().gradient();
    }

    @Override
    INDArray paramsView() {
        return network.params();
    }

    @Override
    double forwardScore(DataSet batch) {
        return network.score(batch, true);
    }
}
