package io.salr.datasets.real;

import io.salr.validation.Checks;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A character-level corpus from a UTF-8 text file, for next-character prediction (the char-LSTM
 * experiment, Table V of the paper). The text (without a leading byte-order mark) is split by position: the
 * first {@code 1 - validationFraction} of its code points for training, the rest for validation. The
 * vocabulary is the sorted set of code points of the training part; code points found only in the
 * validation part map to one unknown symbol, and how often that happens is recorded.
 *
 * @param info           provenance: the file and its SHA-256, sequence counts, vocabulary
 * @param vocabulary     the symbols
 * @param train          training sequences
 * @param validation     validation sequences
 * @param unknownCount   number of validation code points not in the training vocabulary
 */
public record TextCorpus(DataSetInfo info, CharVocabulary vocabulary, CharSequenceData train,
                         CharSequenceData validation, int unknownCount) {

    /** Validates that every component is present and consistent. */
    public TextCorpus {
        Checks.present("info", info);
        Checks.present("vocabulary", vocabulary);
        Checks.present("train", train);
        Checks.present("validation", validation);
        Checks.atLeast("unknownCount", unknownCount, 0);
    }

    /** The corpus as a loaded data set whose test split is the validation text. */
    public LoadedDataset toLoadedDataset() {
        return new LoadedDataset(info, train, validation);
    }

    /**
     * Checks that the text file of {@code text:PATH} exists, without reading it.
     *
     * @throws DatasetNotFoundException as {@link #load} would
     */
    public static Path locate(String name, Path file) {
        Checks.present("name", name);
        Checks.present("file", file);
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException(name, file.toAbsolutePath().getParent(),
                    List.of(String.valueOf(file.getFileName())), PackagedTexts.hint(file));
        }
        return file;
    }

    /**
     * Reads and splits a UTF-8 text file.
     *
     * @param name   the data set's name for provenance (e.g. {@code text:war-and-peace.txt})
     * @param file   the text file (plain or gzipped)
     * @param config sequence length and validation fraction
     * @throws DatasetFormatException on malformed UTF-8 (naming the byte offset) or a text too short for
     *                                one sequence in each split
     */
    public static TextCorpus load(String name, Path file, TextConfig config) {
        Checks.present("name", name);
        Checks.present("file", file);
        Checks.present("config", config);
        locate(name, file);
        DataFiles.Content content = DataFiles.read(file);
        int[] codePoints = decodeUtf8(file, content.content());
        int n = codePoints.length;
        int nValidation = (int) Math.round(n * config.validationFraction());
        int nTrain = n - nValidation;
        int need = config.sequenceLength() + 1;
        if (nTrain < need || nValidation < need) {
            throw new DatasetFormatException(file, String.format(Locale.ROOT,
                    "too short: %d characters split into %d for training and %d for validation"
                            + " (validationFraction %s), but each part needs at least sequenceLength + 1 = %d",
                    n, nTrain, nValidation, config.validationFraction(), need));
        }
        int[] trainText = java.util.Arrays.copyOfRange(codePoints, 0, nTrain);
        CharVocabulary vocabulary = CharVocabulary.of(trainText);
        int[] validationText = new int[nValidation];
        int unknown = 0;
        for (int i = 0; i < nValidation; i++) {
            int idx = vocabulary.indexOf(codePoints[nTrain + i]);
            if (idx < 0) {
                unknown++;
            }
            validationText[i] = idx;
        }
        if (unknown > 0) {
            vocabulary = vocabulary.withUnknown();
            for (int i = 0; i < nValidation; i++) {
                if (validationText[i] < 0) {
                    validationText[i] = vocabulary.unknownIndex();
                }
            }
        }
        for (int i = 0; i < nTrain; i++) {
            trainText[i] = vocabulary.indexOf(trainText[i]);
        }
        CharSequenceData train = new CharSequenceData(name + "/train", vocabulary, trainText, config.sequenceLength());
        CharSequenceData validation = new CharSequenceData(name + "/validation", vocabulary, validationText,
                config.sequenceLength());
        Path dir = file.toAbsolutePath().getParent();
        DataSetInfo info = new DataSetInfo(name, dir, List.of(content.digest()), train.size(), validation.size(),
                vocabulary.symbols(), List.of(vocabulary.size(), config.sequenceLength()));
        return new TextCorpus(info, vocabulary, train, validation, unknown);
    }

    /**
     * Decodes strict UTF-8 to code points, dropping one leading byte-order mark.
     *
     * @throws DatasetFormatException naming the byte offset of the first malformed or unmappable sequence
     */
    static int[] decodeUtf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            StringBuilder hex = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                hex.append(String.format(Locale.ROOT, " %02x", bytes[i] & 0xff));
            }
            throw new DatasetFormatException(file, "malformed UTF-8 at byte offset " + at + " (bytes" + hex + ")");
        }
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString().codePoints().toArray();
    }
}
