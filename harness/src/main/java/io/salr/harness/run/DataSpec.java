package io.salr.harness.run;

import io.salr.validation.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which data a run reads: a dataset name (as {@code io.salr.datasets.real.Datasets} knows it), an
 * optional subset of the training split (first N, or N drawn stratified by class with the run's data
 * seed) and an optional first-N subset of the test split, so small CPU runs are possible.
 *
 * @param dataset dataset name
 * @param trainSubset training examples to use, 0 = all
 * @param subsetMode how the training subset is drawn
 * @param testSubset test examples to evaluate on, 0 = all
 * @param validationExamples when &gt; 0, a tuning run: this many examples are held out of the training data
 *     (stratified, with {@code validationSeed}), the run trains on the rest and is evaluated on them instead
 *     of the test set, which a tuning run never sees
 * @param validationSeed the seed of the hold-out (the same split for every tuning run of a study)
 */
public record DataSpec(String dataset, int trainSubset, SubsetMode subsetMode, int testSubset, int validationExamples,
        long validationSeed) {

    /** How a training subset is drawn. */
    public enum SubsetMode { FIRST, STRATIFIED }

    public DataSpec {
        Checks.present("dataset", dataset);
        Checks.atLeast("subset", trainSubset, 0);
        Checks.present("subsetMode", subsetMode);
        Checks.atLeast("testSubset", testSubset, 0);
        Checks.atLeast("validation.examples", validationExamples, 0);
    }

    /** Data without a validation hold-out. */
    public DataSpec(String dataset, int trainSubset, SubsetMode subsetMode, int testSubset) {
        this(dataset, trainSubset, subsetMode, testSubset, 0, 0);
    }

    /** True for a tuning run's data (evaluated on the validation hold-out). */
    public boolean validates() {
        return validationExamples > 0;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("train_subset", trainSubset);
        m.put("subset_mode", subsetMode.name().toLowerCase(java.util.Locale.ROOT));
        m.put("test_subset", testSubset);
        if (validationExamples > 0) {
            m.put("validation_examples", validationExamples);
            m.put("validation_seed", validationSeed);
        }
        return m;
    }
}
