package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.datasets.real.CharSequenceData;
import io.salr.datasets.real.CharVocabulary;
import io.salr.datasets.real.ImageShape;
import io.salr.datasets.real.LabeledData;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceMetricsTest {

    private static final CharSequenceData TEXT = new CharSequenceData("t/test", CharVocabulary.of(new int[] {'a', 'b', 'c', 'd'}),
            new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}, 4);

    @Test
    void thePerplexityOfATextIsTheExponentialOfItsMeanLossPerCharacter() {
        // a uniform guess over 4 symbols loses ln 4 per character: perplexity 4, the vocabulary's size
        assertEquals(4.0, SequenceMetrics.perplexity(TEXT, Math.log(4)).orElseThrow(), 1e-12);
        assertEquals(1.0, SequenceMetrics.perplexity(TEXT, 0.0).orElseThrow(), 0.0);
        assertEquals(Math.exp(1.2345), SequenceMetrics.perplexity(TEXT, 1.2345).orElseThrow(), 1e-12);
    }

    @Test
    void imagesAndDivergedNetworksHaveNoPerplexity() {
        LabeledData images = new LabeledData("img", new float[] {0f, 1f}, new int[] {0, 1}, new ImageShape(1, 1, 1),
                List.of("a", "b"));
        assertTrue(SequenceMetrics.perplexity(images, 0.7).isEmpty());
        assertTrue(SequenceMetrics.perplexity(TEXT, Double.NaN).isEmpty());
        assertTrue(SequenceMetrics.perplexity(TEXT, Double.POSITIVE_INFINITY).isEmpty());
    }
}
