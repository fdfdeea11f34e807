package io.salr.harness.run;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param classes when not empty, the run sees only the examples of these classes (of a labelled image data
 *     set), relabelled 0..k-1 in the order given, and the model's output layer has k units; the subsets and
 *     the hold-out are drawn from what remains. In the id only when not empty, so ids from before the field
 *     existed are unchanged
 */
public record DataSpec(String dataset, int trainSubset, SubsetMode subsetMode, int testSubset, int validationExamples,
        long validationSeed, List<Integer> classes) {

    /** How a training subset is drawn. */
    public enum SubsetMode { FIRST, STRATIFIED }

    public DataSpec {
        Checks.present("dataset", dataset);
        Checks.atLeast("subset", trainSubset, 0);
        Checks.present("subsetMode", subsetMode);
        Checks.atLeast("testSubset", testSubset, 0);
        Checks.atLeast("validation.examples", validationExamples, 0);
        Checks.present("classes", classes);
        classes = List.copyOf(classes);
        if (classes.size() == 1) {
            throw new InvalidParameterException("data.classes", classes, "must name at least 2 classes (or none: all)");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer c : classes) {
            if (c == null || c < 0) {
                throw new InvalidParameterException("data.classes", classes, "must hold class labels >= 0");
            }
            if (!seen.add(c)) {
                throw new InvalidParameterException("data.classes", classes, "names class " + c + " twice");
            }
        }
    }

    /** Data of every class. */
    public DataSpec(String dataset, int trainSubset, SubsetMode subsetMode, int testSubset, int validationExamples,
            long validationSeed) {
        this(dataset, trainSubset, subsetMode, testSubset, validationExamples, validationSeed, List.of());
    }

    /** The same data restricted to {@code labels} (empty: every class). */
    public DataSpec withClasses(List<Integer> labels) {
        return new DataSpec(dataset, trainSubset, subsetMode, testSubset, validationExamples, validationSeed, labels);
    }

    /** The class labels as an array, for {@code LabeledData#classSubset}. */
    public int[] classArray() {
        return classes.stream().mapToInt(Integer::intValue).toArray();
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
        if (!classes.isEmpty()) {
            m.put("classes", classes);
        }
        return m;
    }
}
