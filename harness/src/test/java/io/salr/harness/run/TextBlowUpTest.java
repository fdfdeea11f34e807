package io.salr.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salr.datasets.real.CharSequenceData;
import io.salr.datasets.real.CharVocabulary;
import io.salr.datasets.real.TextConfig;
import io.salr.datasets.real.TextCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A text model whose rate blew it up can settle at a finite loss: the committed text study's tuning stage holds
 * SGD-SALR, SGD, SWA and SAM runs that ended at perplexities from 1e3 to 1e107, recorded as completed, because
 * their accuracy stayed near the most frequent symbol's rate and the chance-level rule for images never fired.
 * A perplexity above the blow-up factor times the vocabulary's size (a uniform guess's perplexity) is a blow-up.
 */
class TextBlowUpTest {

    private static final CharSequenceData FOUR_SYMBOLS = new CharSequenceData("t/test",
            CharVocabulary.of(new int[] {'a', 'b', 'c', 'd'}), new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}, 4);

    @Test
    void aPerplexityFarAboveAUniformGuessIsABlowUpAndOneNearItIsNot() {
        // a uniform guess over 4 symbols has perplexity 4; an untrained network sits near it
        assertFalse(SequenceMetrics.worseThanUniformGuess(FOUR_SYMBOLS, 4.2, 3.0));
        assertFalse(SequenceMetrics.worseThanUniformGuess(FOUR_SYMBOLS, 12.0, 3.0));
        assertTrue(SequenceMetrics.worseThanUniformGuess(FOUR_SYMBOLS, 12.0001, 3.0));
        assertTrue(SequenceMetrics.worseThanUniformGuess(FOUR_SYMBOLS, 1e79, 3.0));
        assertTrue(SequenceMetrics.worseThanUniformGuess(FOUR_SYMBOLS, 5.0, 1.2));
    }

    @Test
    void imagesNeverCountAsTextBlowUps() {
        io.salr.datasets.real.LabeledData images = new io.salr.datasets.real.LabeledData("img", new float[] {0f, 1f},
                new int[] {0, 1}, new io.salr.datasets.real.ImageShape(1, 1, 1), List.of("a", "b"));
        assertFalse(SequenceMetrics.worseThanUniformGuess(images, 1e9, 3.0));
    }

    /**
     * On the committed text study: the rule flags the 15 tuning runs that ended above 3x the corpus's vocabulary
     * size, 14 of which were recorded as completed at the time (one had collapsed at accuracy 0), and no run of the
     * final stage, whose verdicts it therefore leaves as they are.
     */
    @Test
    void onTheCommittedTextStudyItFlagsTheTuningBlowUpsAndNoFinalRun() throws IOException {
        Path corpus = Path.of("/usr/share/doc/jargon-text/jargon.txt.gz");
        CharSequenceData test = TextCorpus.load("text", corpus, TextConfig.DEFAULTS).validation();
        int vocabulary = test.numClasses();
        assertTrue(vocabulary > 50 && vocabulary < 300, "vocabulary " + vocabulary);
        Path store = Path.of("..", "results", "paper-text", "store");
        List<Double> flagged = new ArrayList<>();
        int recordedCompleted = 0;
        for (JsonNode r : results(store.resolve("tuning").resolve("runs"))) {
            JsonNode p = r.path("metrics").path("perplexity");
            if (p.isNumber() && SequenceMetrics.worseThanUniformGuess(test, p.asDouble(), 3.0)) {
                flagged.add(p.asDouble());
                assertTrue(p.asDouble() > 3.0 * vocabulary);
                recordedCompleted += r.path("status").asText().equals("completed") ? 1 : 0;
            }
        }
        // 1,328 to 4.6e107 in the committed tuning stage; 325-447 (2-3x a uniform guess) are not flagged
        assertEquals(15, flagged.size(), "flagged " + flagged);
        assertEquals(14, recordedCompleted);
        for (JsonNode r : results(store.resolve("runs"))) {
            assertFalse(SequenceMetrics.worseThanUniformGuess(test, r.path("metrics").path("perplexity").asDouble(), 3.0),
                    r.path("id").asText());
        }
    }

    private static List<JsonNode> results(Path runs) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.sorted().toList()) {
                Path f = d.resolve("result.json");
                if (Files.exists(f)) {
                    out.add(json.readTree(f.toFile()));
                }
            }
        }
        assertFalse(out.isEmpty(), "no runs under " + runs);
        return out;
    }
}
