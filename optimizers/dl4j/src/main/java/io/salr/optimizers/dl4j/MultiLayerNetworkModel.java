package io.salr.optimizers.dl4j;

import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link Dl4jModel} of a {@link MultiLayerNetwork}; layers are named by their index. */
final class MultiLayerNetworkModel extends Dl4jModel {

    private final MultiLayerNetwork network;

    MultiLayerNetworkModel(MultiLayerNetwork network, GradientMeter meter, FeatureLayout layout) {
        super(meter, Checks.present("network", network).params(), network.getLayers(), names(network), layout,
                structureBlocker(network));
        this.network = network;
    }

    /** Why one pass cannot give the per-example gradient norms of this network, or null. */
    private static String structureBlocker(MultiLayerNetwork network) {
        List<String> reasons = new ArrayList<>();
        var conf = network.getLayerWiseConfigurations();
        for (int i = 0; i < network.getnLayers(); i++) {
            reasons.add(ExampleGradientNorms.unsupportedLayer(conf.getConf(i).getLayer()));
            String p = ExampleGradientNorms.unsupportedPreprocessor(conf.getInputPreProcess(i));
            reasons.add(p == null ? null : "layer " + i + ": " + p);
        }
        if (!(network.getOutputLayer().conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
            reasons.add("the last layer is not an OutputLayer");
        }
        return ExampleGradientNorms.first(reasons);
    }

    /** FLAT when the first layer is a dense (non-convolutional) layer that takes its input as given. */
    static FeatureLayout naturalLayout(MultiLayerNetwork network) {
        Checks.present("network", network);
        var first = network.getLayerWiseConfigurations().getConf(0).getLayer();
        boolean dense = first instanceof FeedForwardLayer && !(first instanceof ConvolutionLayer);
        boolean preprocessed = network.getLayerWiseConfigurations().getInputPreProcess(0) != null;
        return dense && !preprocessed ? FeatureLayout.FLAT : FeatureLayout.NCHW;
    }

    private static List<String> names(MultiLayerNetwork network) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    Layer[] layers() {
        return network.getLayers();
    }

    @Override
    Layer outputLayer() {
        return network.getOutputLayer();
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

    @Override
    INDArray output(INDArray features) {
        return network.output(features, false);
    }

    @Override
    Dl4jModel doubleCopyWithoutDropout(GradientMeter meter) {
        MultiLayerNetwork copy = network.convertDataType(DataType.DOUBLE);
        for (org.deeplearning4j.nn.api.Layer l : copy.getLayers()) {
            l.conf().getLayer().setIDropout(null);
        }
        return new MultiLayerNetworkModel(copy, meter, featureLayout());
    }
}
