package io.salr.optimizers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's names and the facts of its networks. Parameter counts are checked against the networks the
 * engines build in the torch module's {@code CatalogueAgreementTest}; here against hand counts of the layers.
 */
class CatalogueTest {

    private static final Set<LayerKind> DENSE_AND_CONV = EnumSet.of(LayerKind.DENSE, LayerKind.CONVOLUTION);
    private static final Set<LayerKind> ALL_KINDS = EnumSet.allOf(LayerKind.class);

    @Test
    void everyNameMapsToItsNetworkAndBack() {
        assertEquals(List.of("allcnn-c", "char-lstm", "lenet", "mlp", "resnet20", "resnet32"), Catalogue.names());
        for (Network n : Catalogue.networks()) {
            assertSame(n, Catalogue.network("model", n.label()));
        }
        assertTrue(Catalogue.find("resnet56").isEmpty());
        assertTrue(Catalogue.find(null).isEmpty());
    }

    @Test
    void anUnknownNameNamesTheFieldTheValueAndTheNames() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Catalogue.network("model", "vgg16"));
        assertEquals("model", e.parameter());
        assertEquals("model must be one of allcnn-c, char-lstm, lenet, mlp, resnet20, resnet32, got vgg16", e.getMessage());
        InvalidParameterException spec = assertThrows(InvalidParameterException.class,
                () -> ModelSpec.of("vgg16", new int[] {1, 28, 28}, 10, 1L));
        assertEquals(e.getMessage(), spec.getMessage());
    }

    @Test
    void inputShapesFollowEachNetworksRule() {
        InvalidParameterException rank = assertThrows(InvalidParameterException.class,
                () -> ModelSpec.of("char-lstm", new int[] {1, 28, 28}, 10, 1L));
        assertEquals("inputShape must have 2 dimensions for char-lstm, got [1, 28, 28]", rank.getMessage());
        InvalidParameterException image = assertThrows(InvalidParameterException.class,
                () -> ModelSpec.of("mlp", new int[] {28, 28}, 10, 1L));
        assertEquals("inputShape must have 3 dimensions for mlp, got [28, 28]", image.getMessage());
        InvalidParameterException small = assertThrows(InvalidParameterException.class,
                () -> ModelSpec.of("lenet", new int[] {1, 11, 28}, 10, 1L));
        assertTrue(small.getMessage().startsWith("inputShape must be at least 12x12 for lenet"), small.getMessage());
        assertEquals(Network.MLP, ModelSpec.of("mlp", new int[] {1, 2, 2}, 10, 1L).network());
        assertEquals(HostBatch.Kind.SEQUENCES, Network.CHAR_LSTM.input());
    }

    /** The thread defaults the harness had by name: 1 for the MLP, 2 for the others (run ids depend on them). */
    @Test
    void defaultThreadsAreOneForTheMlpAndTwoElsewhere() {
        for (Network n : Network.values()) {
            assertEquals(n == Network.MLP ? 1 : 2, n.defaultThreads(), n.label());
        }
    }

    /**
     * The planner's cost table as it stood before the catalogue (EngineChoice by name): B calls with BatchNorm or
     * on a ResNet; on DL4J also B for the char-LSTM; else 1. One entry changes, on purpose: the char-LSTM with the
     * BatchNorm option on the torch engine cost B by name, but the LSTM has no BatchNorm and the torch model makes
     * one pass (CatalogueAgreementTest builds it); the catalogue says 1, as the model does.
     */
    @Test
    void perExampleRoutesKeepThePlannersCosts() {
        int b = 128;
        for (Network n : Network.values()) {
            for (boolean bn : new boolean[] {false, true}) {
                boolean coupled = (bn && n != Network.CHAR_LSTM) || n.label().startsWith("resnet");
                long dl4j = coupled || n == Network.CHAR_LSTM ? b : 1;
                long torch = coupled ? b : 1;
                assertEquals(dl4j, n.perExampleRoute(bn, DENSE_AND_CONV).gradientCalls(b), n.label() + " bn=" + bn + " dl4j");
                assertEquals(torch, n.perExampleRoute(bn, ALL_KINDS).gradientCalls(b), n.label() + " bn=" + bn + " torch");
                assertEquals(coupled, n.coupledByBatchNorm(bn));
            }
        }
    }

    @Test
    void onlyTheMlpReadsFlatImages() {
        for (Network n : Network.values()) {
            assertEquals(n == Network.MLP, n.flatInput(), n.label());
        }
    }

    /** The bench's step FLOPs used these multiply-adds, written out by hand (784-256-10; LeNet on 28x28). */
    @Test
    void multiplyAddsOfTheBenchWorkloadsAreTheBenchsOldCounts() {
        ModelSpec mlp = ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 42L);
        ModelSpec lenet = ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 42L);
        assertEquals(784.0 * 256 + 256.0 * 10, (double) mlp.network().forwardMultiplyAdds(mlp));
        assertEquals(5.0 * 5 * 1 * 20 * 24 * 24 + 5.0 * 5 * 20 * 50 * 8 * 8 + 800.0 * 500 + 500.0 * 10,
                (double) lenet.network().forwardMultiplyAdds(lenet));
    }

    @Test
    void parameterCountsMatchHandCounts() {
        // LeNet on Fashion-MNIST: conv 5x5x1x20 + 20, conv 5x5x20x50 + 50, dense 800x500 + 500, output 500x10 + 10
        assertEquals(520 + 25_050 + 400_500 + 5_010, ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 1L).parameterCount());
        // the MLP with BatchNorm: four numbers per hidden unit
        ModelSpec bn = new ModelSpec("mlp", new int[] {1, 28, 28}, 10, 0.0, true, 1.0, 256, 1L);
        assertEquals(784L * 256 + 256 + 4 * 256 + 256L * 10 + 10, bn.parameterCount());
        // the character LSTM: two LSTMs of width 8 on a vocabulary of 5, 4w(n + w + 1) each, then 8x5 + 5
        ModelSpec lstm = new ModelSpec("char-lstm", new int[] {5, 12}, 5, 0.0, false, 1.0, 8, 1L);
        assertEquals(4 * 8 * (5 + 8 + 1) + 4 * 8 * (8 + 8 + 1) + 8 * 5 + 5, lstm.parameterCount());
        // ResNet-20 on CIFAR-10 with 1x1 projections where a stage changes width: He et al. report about 0.27M
        long r20 = ModelSpec.of("resnet20", new int[] {3, 32, 32}, 10, 1L).parameterCount();
        assertTrue(r20 > 260_000 && r20 < 290_000, "ResNet-20 parameters: " + r20);
    }

    @Test
    void aNetworkAnswersOnlyForItsOwnSpecs() {
        ModelSpec mlp = ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 1L);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Network.LENET.parameters(mlp));
        assertEquals("spec", e.parameter());
        assertFalse(Network.LENET.layers().contains(LayerKind.RECURRENT));
    }

    /** Specs are equal, and hash alike, when every field is; the text names the network. */
    @Test
    void equalSpecsHashAlikeAndNameTheirNetwork() {
        ModelSpec a = new ModelSpec("allcnn-c", new int[] {3, 32, 32}, 10, 0.5, true, 0.5, 64, 3L);
        ModelSpec b = new ModelSpec(Network.ALL_CNN_C, new int[] {3, 32, 32}, 10, 0.5, true, 0.5, 64, 3L);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().contains("allcnn-c"), a.toString());
        assertFalse(a.equals(a.withSeed(4)));
    }
}
