package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.engine.Network;
import org.junit.jupiter.api.Test;

/**
 * The planner's cost of Algorithm 2's direction per engine, read from the catalogue's facts and each engine's
 * one-pass layer kinds, and the thread defaults a spec gets from its network (both enter run ids and budgets).
 */
class EngineChoiceCostTest {

    @Test
    void perExampleCostsPerEngine() {
        int b = 64;
        assertEquals(1, EngineChoice.DL4J.perExampleDirectionCalls(Network.MLP, false, b));
        assertEquals(b, EngineChoice.DL4J.perExampleDirectionCalls(Network.MLP, true, b));
        assertEquals(1, EngineChoice.TORCH.perExampleDirectionCalls(Network.LENET, false, b));
        assertEquals(b, EngineChoice.TORCH.perExampleDirectionCalls(Network.ALL_CNN_C, true, b));
        assertEquals(b, EngineChoice.DL4J.perExampleDirectionCalls(Network.RESNET20, false, b));
        assertEquals(b, EngineChoice.TORCH.perExampleDirectionCalls(Network.RESNET32, false, b));
        // recurrent layers: one pass on LibTorch, one pass per example on DL4J
        assertEquals(b, EngineChoice.DL4J.perExampleDirectionCalls(Network.CHAR_LSTM, false, b));
        assertEquals(1, EngineChoice.TORCH.perExampleDirectionCalls(Network.CHAR_LSTM, false, b));
    }

    @Test
    void threadDefaultsComeFromTheNetwork() {
        assertEquals(1, ModelOptions.of("mlp").defaultThreads());
        for (String name : new String[] {"lenet", "allcnn-c", "resnet20", "resnet32", "char-lstm"}) {
            assertEquals(2, ModelOptions.of(name).defaultThreads(), name);
        }
        assertEquals(Network.RESNET20, ModelOptions.of("resnet20").network());
        assertEquals("resnet20", ModelOptions.of("resnet20").architecture());
    }
}
