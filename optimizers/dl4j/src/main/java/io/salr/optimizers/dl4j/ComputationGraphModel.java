package io.salr.optimizers.dl4j;

import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link Dl4jModel} of a single-input, single-output {@link ComputationGraph}; layers keep their names. */
final class ComputationGraphModel extends Dl4jModel {

    private final ComputationGraph graph;

    ComputationGraphModel(ComputationGraph graph, GradientMeter meter, FeatureLayout layout) {
        super(meter, singleInOut(graph).params(), graph.getLayers(), names(graph), layout, structureBlocker(graph));
        this.graph = graph;
    }

    /**
     * Why one pass cannot give the per-example gradient norms of this graph, or null. A graph is handled
     * like a layer stack when each of its vertices acts on every example separately (layers, element-wise
     * and merge vertices): each layer still runs once per example and owns its parameters.
     */
    private static String structureBlocker(ComputationGraph graph) {
        List<String> reasons = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            reasons.add(ExampleGradientNorms.unsupportedLayer(layer.conf().getLayer()));
        }
        graph.getConfiguration().getVertices().forEach((name, vertex) ->
                reasons.add(ExampleGradientNorms.unsupportedVertex(name, vertex)));
        if (!(graph.getOutputLayer(0).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
            reasons.add("the output layer is not an OutputLayer");
        }
        return ExampleGradientNorms.first(reasons);
    }

    private static ComputationGraph singleInOut(ComputationGraph graph) {
        Checks.present("graph", graph);
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new InvalidParameterException("graph", graph.getNumInputArrays() + " inputs / "
                    + graph.getNumOutputArrays() + " outputs", "must have exactly one input and one output");
        }
        return graph;
    }

    private static List<String> names(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            names.add(layer.conf().getLayer().getLayerName());
        }
        return names;
    }

    @Override
    public ComputationGraph network() {
        return graph;
    }

    @Override
    Layer[] layers() {
        return graph.getLayers();
    }

    @Override
    Layer outputLayer() {
        return graph.getOutputLayer(0);
    }

    @Override
    void bind(DataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        INDArray fm = batch.getFeaturesMaskArray();
        INDArray lm = batch.getLabelsMaskArray();
        graph.setLayerMaskArrays(fm == null ? null : new INDArray[] {fm}, lm == null ? null : new INDArray[] {lm});
    }

    @Override
    void unbind() {
        graph.clearLayerMaskArrays();
        graph.clear();
    }

    @Override
    double computeGradientAndScore() {
        graph.computeGradientAndScore();
        return graph.score();
    }

    @Override
    INDArray flatGradient() {
        return graph.gradient().gradient();
    }

    @Override
    INDArray paramsView() {
        return graph.params();
    }

    @Override
    double forwardScore(DataSet batch) {
        return graph.score(batch, true);
    }

    @Override
    INDArray output(INDArray features) {
        return graph.outputSingle(false, features);
    }

    @Override
    Dl4jModel doubleCopyWithoutDropout(GradientMeter meter) {
        ComputationGraph copy = graph.convertDataType(DataType.DOUBLE);
        for (Layer l : copy.getLayers()) {
            l.conf().getLayer().setIDropout(null);
        }
        return new ComputationGraphModel(copy, meter, featureLayout());
    }
}
