package io.salr.datasets.real;

import io.salr.validation.Checks;

/**
 * A data set as loaded by {@link Datasets#load}: its provenance and its train and test splits (for a text
 * corpus, the test split is the held-out validation text).
 *
 * @param info  provenance: source, file digests, split sizes, classes
 * @param train the training split
 * @param test  the test split
 */
public record LoadedDataset(DataSetInfo info, ExampleSet train, ExampleSet test) {

    /** Validates that the splits match the provenance record. */
    public LoadedDataset {
        Checks.present("info", info);
        Checks.present("train", train);
        Checks.present("test", test);
        if (train.size() != info.trainExamples()) {
            throw new io.salr.validation.InvalidParameterException("train.size", train.size(),
                    "must equal info.trainExamples = " + info.trainExamples());
        }
        if (test.size() != info.testExamples()) {
            throw new io.salr.validation.InvalidParameterException("test.size", test.size(),
                    "must equal info.testExamples = " + info.testExamples());
        }
    }

    /** The training split as labelled images; fails with a clear message for a text corpus. */
    public LabeledData labeledTrain() {
        return labeled("train", train);
    }

    /** The test split as labelled images; fails with a clear message for a text corpus. */
    public LabeledData labeledTest() {
        return labeled("test", test);
    }

    private LabeledData labeled(String split, ExampleSet set) {
        if (set instanceof LabeledData data) {
            return data;
        }
        throw new io.salr.validation.InvalidParameterException("dataset", info.name(),
                "must be an image data set to use its " + split + " split as labelled images");
    }
}
