package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

import java.nio.file.Path;
import java.util.List;

/**
 * The provenance of a loaded data set, for the run's record (STYLE rule 2): what was read, from where,
 * the SHA-256 of every file as stored on disk, and what came out.
 *
 * @param name            the name it was loaded by (e.g. {@code fashion-mnist}, {@code text:war.txt})
 * @param sourceDirectory the directory the files were read from (absolute)
 * @param files           every file read, with its digest, in reading order
 * @param trainExamples   number of examples in the training split
 * @param testExamples    number of examples in the test (or validation) split
 * @param classNames      the class names in label order (for text: the vocabulary's symbols)
 * @param exampleShape    the shape of one example's features, e.g. {@code [1, 28, 28]}; for text
 *                        {@code [vocabularySize, sequenceLength]}
 */
public record DataSetInfo(String name, Path sourceDirectory, List<FileDigest> files, int trainExamples,
                          int testExamples, List<String> classNames, List<Integer> exampleShape) {

    /** Validates every field and makes the lists unmodifiable. */
    public DataSetInfo {
        Checks.present("name", name);
        Checks.present("sourceDirectory", sourceDirectory);
        files = List.copyOf(Checks.present("files", files));
        if (files.isEmpty()) {
            throw new InvalidParameterException("files", "[]", "must name at least one file");
        }
        Checks.atLeast("trainExamples", trainExamples, 1);
        Checks.atLeast("testExamples", testExamples, 1);
        classNames = List.copyOf(Checks.present("classNames", classNames));
        Checks.atLeast("classNames.size", classNames.size(), 1);
        exampleShape = List.copyOf(Checks.present("exampleShape", exampleShape));
        for (int i = 0; i < exampleShape.size(); i++) {
            Checks.atLeast("exampleShape[" + i + "]", exampleShape.get(i), 1);
        }
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }
}
