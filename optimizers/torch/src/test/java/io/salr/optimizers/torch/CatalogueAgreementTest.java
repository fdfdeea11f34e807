package io.salr.optimizers.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.dl4j.Dl4jEngine;
import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.engine.Catalogue;
import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.Network;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue's facts agree with the networks both engines build: for every network of the catalogue, with
 * and without BatchNorm and dropout, at the published width and at a fraction of it, the parameter count of
 * {@link Network#parameters} is the length of each engine's flat parameter vector, and the route
 * {@link Network#perExampleRoute} gives for an engine's one-pass layer kinds costs what the built model says its
 * per-example direction costs. Shapes are small where the count does not depend on them, so that every network
 * builds in well under a second.
 */
class CatalogueAgreementTest {

    private static final int BATCH = 16;

    static Stream<Arguments> specs() {
        List<Arguments> out = new ArrayList<>();
        for (Network n : Network.values()) {
            int[] shape = switch (n.input()) {
                case SEQUENCES -> new int[] {7, 6};
                case IMAGES -> n.flatInput() ? new int[] {1, 28, 28} : new int[] {3, 28, 20};
            };
            int classes = n.input() == io.salr.optimizers.engine.HostBatch.Kind.SEQUENCES ? shape[0] : 10;
            for (double width : new double[] {1.0, 0.3}) {
                for (boolean bn : new boolean[] {false, true}) {
                    double dropout = bn ? 0.25 : 0.0;
                    ModelSpec spec = new ModelSpec(n, shape, classes, dropout, bn, width, 24, 5L);
                    out.add(Arguments.of(n.label() + " width=" + width + " bn=" + bn, spec));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void bothEnginesBuildTheCataloguesParameterCountAndPerExampleCost(String label, ModelSpec spec) {
        long expected = spec.network().parameters(spec);
        for (Engine engine : List.of(new Dl4jEngine(), new TorchEngine())) {
            TrainableModel model = engine.build(spec, new GradientMeter());
            assertEquals(expected, model.numParams(), engine.name() + ": " + label);
            assertEquals(spec.network().perExampleRoute(spec.batchNorm(), engine.onePassNormLayers()).gradientCalls(BATCH),
                    model.perExampleDirectionCalls(BATCH), engine.name() + " per-example cost: " + label);
        }
    }

    /** The full-size image networks on CIFAR's shape, DL4J's count read from the network itself. */
    @Test
    void publishedSizesOnCifar() {
        for (Network n : EnumSet.of(Network.ALL_CNN_C, Network.RESNET20, Network.RESNET32, Network.LENET)) {
            ModelSpec spec = ModelSpec.of(n.label(), new int[] {3, 32, 32}, 10, 1L);
            assertEquals(ModelZoo.build(spec).numParams(), spec.parameterCount(), n.label());
        }
    }

    /** Each engine registers a builder for every network of the catalogue. */
    @Test
    void bothZoosBuildEveryNetworkOfTheCatalogue() {
        assertEquals(EnumSet.copyOf(Catalogue.networks()), ModelZoo.networks());
        assertEquals(EnumSet.copyOf(Catalogue.networks()), TorchZoo.networks());
    }
}
