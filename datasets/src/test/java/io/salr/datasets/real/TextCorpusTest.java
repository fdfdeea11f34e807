package io.salr.datasets.real;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.salr.optimizers.engine.HostBatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The character-level corpus: vocabulary, sequences, position split, UTF-8 errors and minibatches. */
class TextCorpusTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void vocabularySequencesAndSplitFollowTheText() throws IOException {
        // 20 code points; 25% held out -> 15 for training, 5 for validation.
        String text = "abcab cabca bcabc" + "cab";
        Path file = write("t.txt", text);
        TextCorpus corpus = TextCorpus.load("text:t.txt", file, new TextConfig(4, 0.25));
        CharVocabulary v = corpus.vocabulary();
        assertArrayEquals(new int[]{' ', 'a', 'b', 'c'}, v.codePoints(), "sorted code points of the training text");
        assertFalse(v.hasUnknown());
        assertEquals(0, corpus.unknownCount());
        CharSequenceData train = corpus.train();
        assertEquals(15, train.textLength());
        assertEquals(3, train.size(), "(15 - 1) / 4 sequences");
        assertEquals("abca", v.decode(train.inputs(0)));
        assertEquals("bcab", v.decode(train.targets(0)));
        assertEquals("b ca", v.decode(train.inputs(1)));
        assertEquals(" cab", v.decode(train.targets(1)));
        assertEquals(8, train.start(2));
        CharSequenceData validation = corpus.validation();
        assertEquals(5, validation.textLength());
        assertEquals(1, validation.size());
        assertEquals("bcca", v.decode(validation.inputs(0)));
        assertEquals("ccab", v.decode(validation.targets(0)));
        DataSetInfo info = corpus.info();
        assertEquals(List.of(" ", "a", "b", "c"), info.classNames());
        assertEquals(List.of(4, 4), info.exampleShape());
        assertEquals(3, info.trainExamples());
        assertEquals(1, info.testExamples());
        assertEquals(DataFiles.sha256(Files.readAllBytes(file)), info.files().get(0).sha256());
        assertEquals("t.txt", info.files().get(0).fileName());
    }

    @Test
    void minibatchHoldsInputSymbolsAndTheirNextSymbols() throws IOException {
        Path file = write("t.txt", "abcdefghij" + "abcdefghij");
        TextCorpus corpus = TextCorpus.load("text:t.txt", file, new TextConfig(3, 0.3));
        CharSequenceData train = corpus.train();
        HostBatch batch = train.batch(new int[]{2, 0});
        int v = corpus.vocabulary().size();
        assertEquals(HostBatch.Kind.SEQUENCES, batch.kind());
        assertArrayEquals(new int[]{v, 3}, batch.exampleShape());
        assertEquals(2, batch.size());
        assertEquals(6, batch.positions());
        int[][] rows = {train.inputs(2), train.inputs(0)};
        int[][] next = {train.targets(2), train.targets(0)};
        for (int r = 0; r < 2; r++) {
            for (int t = 0; t < 3; t++) {
                assertEquals(rows[r][t], batch.tokens()[r * 3 + t]);
                assertEquals(next[r][t], batch.targets()[r * 3 + t]);
            }
        }
        assertEquals("ghi", corpus.vocabulary().decode(rows[0]));
        assertEquals("hij", corpus.vocabulary().decode(next[0]));
    }

    @Test
    void codePointsBeyondAsciiAndTheBomAreHandled() throws IOException {
        String text = "\uFEFF" + "é😀ab" + "é😀ab" + "é😀ab" + "é😀ab";
        Path file = write("u.txt", text);
        TextCorpus corpus = TextCorpus.load("text:u.txt", file, new TextConfig(2, 0.25));
        assertArrayEquals(new int[]{'a', 'b', 'é', 0x1F600}, corpus.vocabulary().codePoints());
        assertEquals(12, corpus.train().textLength(), "16 code points without the BOM, 4 held out");
        assertEquals("é😀", corpus.vocabulary().decode(corpus.train().inputs(0)));
    }

    @Test
    void validationCharactersUnseenInTrainingMapToOneUnknownSymbol() throws IOException {
        Path file = write("t.txt", "ababababab" + "abXYa");
        TextCorpus corpus = TextCorpus.load("text:t.txt", file, new TextConfig(2, 1.0 / 3));
        CharVocabulary v = corpus.vocabulary();
        assertTrue(v.hasUnknown());
        assertEquals(3, v.size());
        assertEquals(2, v.unknownIndex());
        assertEquals(2, corpus.unknownCount());
        assertEquals(List.of("a", "b", CharVocabulary.UNKNOWN_SYMBOL), corpus.info().classNames());
        assertEquals("ab\uFFFD\uFFFDa", v.decode(new int[]{0, 1, 2, 2, 0}));
        assertArrayEquals(new int[]{0, 1}, corpus.validation().inputs(0));
        assertArrayEquals(new int[]{2, 2}, corpus.validation().inputs(1));
        assertEquals(3, corpus.train().numClasses());
    }

    @Test
    void malformedUtf8IsReportedWithItsByteOffset() throws IOException {
        Path file = dir.resolve("bad.txt");
        byte[] bytes = "hello world, fine so far".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, bad, 0, 7);
        bad[7] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        bad[8] = (byte) 0x28;
        System.arraycopy(bytes, 7, bad, 9, bytes.length - 7);
        Files.write(file, bad);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TextCorpus.load("text:bad.txt", file, TextConfig.DEFAULTS));
        assertEquals(file, e.file());
        assertEquals("malformed UTF-8 at byte offset 7 (bytes c3)", e.problem());
    }

    @Test
    void utf8CutInsideACharacterIsReported() throws IOException {
        Path file = dir.resolve("cut.txt");
        byte[] ok = "x".repeat(30).getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length + 1);
        cut[ok.length] = (byte) 0xE2; // first byte of a three-byte sequence, then end of file
        Files.write(file, cut);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TextCorpus.load("text:cut.txt", file, new TextConfig(2, 0.5)));
        assertTrue(e.problem().startsWith("malformed UTF-8 at byte offset 30"), e.problem());
    }

    @Test
    void textTooShortForOneSequencePerSplitIsReported() throws IOException {
        Path file = write("short.txt", "abcdefghij");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TextCorpus.load("text:short.txt", file, new TextConfig(4, 0.2)));
        assertEquals(file, e.file());
        assertTrue(e.problem().contains("10 characters split into 8 for training and 2 for validation"), e.problem());
    }

    @Test
    void datasetsLoadsTextRelativeToTheDataDirAndUsesTheValidationTextAsTest() throws IOException {
        write("corpus.txt", "the quick brown fox jumps over the lazy dog. ".repeat(60));
        LoadedDataset ds = Datasets.load("text:corpus.txt", Optional.of(dir));
        assertTrue(ds.train() instanceof CharSequenceData);
        int n = 45 * 60;
        int nValidation = (int) Math.round(n * 0.05);
        assertEquals((n - nValidation - 1) / 50, ds.train().size());
        assertEquals((nValidation - 1) / 50, ds.test().size());
        assertEquals("text:corpus.txt", ds.info().name());
        assertThrows(io.salr.validation.InvalidParameterException.class, ds::labeledTrain);
    }

    @Test
    void missingTextFileIsReported() {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> Datasets.load("text:" + dir.resolve("absent.txt"), Optional.empty()));
        assertEquals(List.of("absent.txt"), e.missingFiles());
    }

    @Test
    void configIsValidated() {
        var e = assertThrows(io.salr.validation.InvalidParameterException.class,
                () -> new TextConfig(10, 1.0));
        assertEquals("validationFraction", e.parameter());
        assertEquals("1.0", e.value());
        var e2 = assertThrows(io.salr.validation.InvalidParameterException.class,
                () -> new TextConfig(0, 0.1));
        assertEquals("sequenceLength", e2.parameter());
    }
}
