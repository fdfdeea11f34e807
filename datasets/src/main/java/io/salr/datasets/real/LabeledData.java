package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import io.salr.optimizers.engine.HostBatch;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable in-memory labelled image data set: float32 features scaled to [0, 1], one example after
 * the other, each in channels x height x width order, and one integer class label per example.
 *
 * <p>The arrays are private; the public constructor copies them and accessors return copies, so an
 * instance cannot change after construction. Minibatches are built with {@link #batch(int[],
 * FeatureLayout)}.
 */
public final class LabeledData implements ExampleSet {

    private final String name;
    private final float[] features;
    private final int[] labels;
    private final ImageShape shape;
    private final List<String> classNames;

    /**
     * Validates and copies the arrays.
     *
     * @param name       a short description for messages and provenance (e.g. {@code fashion-mnist/train})
     * @param features   {@code labels.length * shape.size()} values in [0, 1]
     * @param labels     one class index in [0, classNames.size()) per example; at least one example
     * @param shape      the shape of one example
     * @param classNames the class names, in label order; at least one
     * @throws InvalidParameterException naming the field and the offending value
     */
    public LabeledData(String name, float[] features, int[] labels, ImageShape shape, List<String> classNames) {
        this(name, Checks.present("features", features).clone(), Checks.present("labels", labels).clone(), shape,
                classNames, true);
    }

    private LabeledData(String name, float[] features, int[] labels, ImageShape shape, List<String> classNames,
                        boolean checkValues) {
        this.name = Checks.present("name", name);
        this.shape = Checks.present("shape", shape);
        this.classNames = List.copyOf(Checks.present("classNames", classNames));
        Checks.atLeast("classNames.size", this.classNames.size(), 1);
        Checks.atLeast("labels.length", labels.length, 1);
        long expected = (long) labels.length * shape.size();
        if (features.length != expected) {
            throw new InvalidParameterException("features.length", features.length,
                    "must equal labels.length * shape.size() = " + labels.length + " * " + shape.size() + " = "
                            + expected);
        }
        int k = this.classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new InvalidParameterException("labels[" + i + "]", labels[i], "must lie in [0, " + k + ")");
            }
        }
        if (checkValues) {
            for (int i = 0; i < features.length; i++) {
                float v = features[i];
                if (!(v >= 0f && v <= 1f)) {
                    throw new InvalidParameterException("features[" + i + "]", v, "must lie in [0, 1]");
                }
            }
        }
        this.features = features;
        this.labels = labels;
    }

    /**
     * Builds from arrays this package has just produced (scaled bytes), taking ownership without copying.
     */
    static LabeledData own(String name, float[] features, int[] labels, ImageShape shape, List<String> classNames) {
        return new LabeledData(name, features, labels, shape, classNames, false);
    }

    /** Scales unsigned bytes {@code bytes[offset ..]} to floats in [0, 1] by dividing by 255. */
    static float[] scaleBytes(byte[] bytes, int offset, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (bytes[offset + i] & 0xff) / 255f;
        }
        return out;
    }

    /** A short description, e.g. {@code fashion-mnist/train}. */
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    /** The shape of one example. */
    public ImageShape shape() {
        return shape;
    }

    /** The class names in label order (unmodifiable). */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of example {@code i}. */
    public int label(int i) {
        checkExample(i);
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Feature {@code j} (in channel, row, column order) of example {@code i}. */
    public float feature(int i, int j) {
        checkExample(i);
        if (j < 0 || j >= shape.size()) {
            throw new InvalidParameterException("j", j, "must lie in [0, " + shape.size() + ")");
        }
        return features[i * shape.size() + j];
    }

    /** A copy of the features of example {@code i}. */
    public float[] features(int i) {
        checkExample(i);
        int d = shape.size();
        return Arrays.copyOfRange(features, i * d, (i + 1) * d);
    }

    /** The number of examples of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A minibatch of the examples at {@code indices}, in that order: float32 features, example after
     * example in [channels, height, width] order, and the class index of each.
     */
    @Override
    public HostBatch batch(int[] indices) {
        ExampleSet.checkIndices(indices, size());
        int b = indices.length;
        int d = shape.size();
        float[] x = new float[b * d];
        int[] y = new int[b];
        for (int r = 0; r < b; r++) {
            int i = indices[r];
            System.arraycopy(features, i * d, x, r * d, d);
            y[r] = labels[i];
        }
        return new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], y,
                new int[] {shape.channels(), shape.height(), shape.width()}, numClasses());
    }

    @Override
    public LabeledData select(int[] indices) {
        ExampleSet.checkIndices(indices, size());
        int d = shape.size();
        float[] x = new float[indices.length * d];
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(features, indices[r] * d, x, r * d, d);
            y[r] = labels[indices[r]];
        }
        return own(name, x, y, shape, classNames);
    }

    /**
     * The examples whose label is one of {@code classes}, in their original order, relabelled by their class's
     * position in {@code classes} (the first class listed becomes label 0); the class names follow. A transfer
     * study trains on some classes and fine-tunes on the others this way.
     *
     * @param classes at least two distinct labels of this data set
     * @throws InvalidParameterException naming {@code data.classes} and the value when a label is not a class of
     *     this data set, is listed twice, or fewer than two are given
     */
    public LabeledData classSubset(int[] classes) {
        Checks.present("classes", classes);
        if (classes.length < 2) {
            throw new InvalidParameterException("data.classes", Arrays.toString(classes), "must name at least 2 classes");
        }
        int[] newLabel = new int[numClasses()];
        Arrays.fill(newLabel, -1);
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < classes.length; j++) {
            int c = classes[j];
            if (c < 0 || c >= numClasses()) {
                throw new InvalidParameterException("data.classes", Arrays.toString(classes), "names class " + c
                        + ", which " + name + " does not have (its classes are 0.." + (numClasses() - 1) + ")");
            }
            if (newLabel[c] >= 0) {
                throw new InvalidParameterException("data.classes", Arrays.toString(classes), "names class " + c + " twice");
            }
            newLabel[c] = j;
            names.add(classNames.get(c));
        }
        int kept = 0;
        for (int label : labels) {
            if (newLabel[label] >= 0) {
                kept++;
            }
        }
        if (kept == 0) {
            throw new InvalidParameterException("data.classes", Arrays.toString(classes), "leaves no example of " + name);
        }
        int d = shape.size();
        float[] x = new float[kept * d];
        int[] y = new int[kept];
        int r = 0;
        for (int i = 0; i < labels.length; i++) {
            if (newLabel[labels[i]] >= 0) {
                System.arraycopy(features, i * d, x, r * d, d);
                y[r++] = newLabel[labels[i]];
            }
        }
        return own(name, x, y, shape, names);
    }

    private void checkExample(int i) {
        if (i < 0 || i >= labels.length) {
            throw new InvalidParameterException("i", i, "must lie in [0, " + labels.length + ")");
        }
    }

    @Override
    public String toString() {
        return "LabeledData[" + name + ", " + size() + " examples of " + shape + ", " + numClasses() + " classes]";
    }
}
