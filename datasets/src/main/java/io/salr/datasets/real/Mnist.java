package io.salr.datasets.real;

import io.salr.validation.Checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loaders for the IDX-format image data sets: Fashion-MNIST (from the Debian package
 * {@code dataset-fashion-mnist} or a user directory) and MNIST (from a user directory). Each directory
 * holds the four standard files, each either gzipped ({@code NAME.gz}, preferred when both exist) or plain
 * ({@code NAME}). Nothing is downloaded.
 */
public final class Mnist {

    /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
    public static final Path FASHION_MNIST_DEBIAN_DIR = Path.of(Datasets.FASHION_DIR_TEXT);

    /** The training images file, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The training labels file, without the optional {@code .gz}. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test images file, without the optional {@code .gz}. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test labels file, without the optional {@code .gz}. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The four files, in reading order. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** Fashion-MNIST's class names, in label order (Xiao et al. 2017). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST's class names: the digits. */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private Mnist() {
    }

    /**
     * Loads Fashion-MNIST from {@code dataDir} if given, otherwise from {@link #FASHION_MNIST_DEBIAN_DIR}.
     *
     * @throws DatasetNotFoundException naming the Debian package and the {@code --data-dir} override when a
     *                                  file is missing
     * @throws DatasetFormatException   when a file is corrupt, truncated or mislabelled
     */
    public static LoadedDataset loadFashionMnist(Optional<Path> dataDir) {
        return loadFashionMnist(dataDir, FASHION_MNIST_DEBIAN_DIR);
    }

    /** As {@link #loadFashionMnist(Optional)} with a different default directory (for tests). */
    static LoadedDataset loadFashionMnist(Optional<Path> dataDir, Path defaultDir) {
        Checks.present("dataDir", dataDir);
        Path dir = dataDir.orElse(defaultDir);
        return loadIdx("fashion-mnist", dir, FASHION_MNIST_CLASSES, fashionMnistRemedy(dataDir, dir));
    }

    /**
     * Checks that the four Fashion-MNIST files are where {@link #loadFashionMnist(Optional)} looks for them,
     * without reading them.
     *
     * @return the directory holding them
     * @throws DatasetNotFoundException as {@link #loadFashionMnist(Optional)} would
     */
    public static Path locateFashionMnist(Optional<Path> dataDir) {
        return locateFashionMnist(dataDir, FASHION_MNIST_DEBIAN_DIR);
    }

    /** As {@link #locateFashionMnist(Optional)} with a different default directory (for tests). */
    static Path locateFashionMnist(Optional<Path> dataDir, Path defaultDir) {
        Checks.present("dataDir", dataDir);
        Path dir = dataDir.orElse(defaultDir);
        locateIdx("fashion-mnist", dir, fashionMnistRemedy(dataDir, dir));
        return dir;
    }

    private static String fashionMnistRemedy(Optional<Path> dataDir, Path dir) {
        return dataDir.isPresent()
                ? "Put the four Fashion-MNIST files (gzipped or not) in --data-dir " + dir
                        + ", or omit --data-dir to use the Debian package dataset-fashion-mnist"
                        + " (apt-get install dataset-fashion-mnist)."
                : "Install the Debian package with `apt-get install dataset-fashion-mnist`, or pass --data-dir DIR"
                        + " naming a directory that holds the four files " + String.join(", ", FILES)
                        + " (gzipped or not).";
    }

    /**
     * Loads MNIST from a user directory holding the four IDX files (gzipped or not).
     *
     * @throws DatasetNotFoundException when a file is missing
     * @throws DatasetFormatException   when a file is corrupt, truncated or mislabelled
     */
    public static LoadedDataset loadMnist(Path dataDir) {
        Checks.present("dataDir", dataDir);
        return loadIdx("mnist", dataDir, MNIST_CLASSES, MNIST_REMEDY);
    }

    /**
     * Checks that the four MNIST files are in {@code dataDir}, without reading them.
     *
     * @throws DatasetNotFoundException as {@link #loadMnist(Path)} would
     */
    public static Path locateMnist(Path dataDir) {
        Checks.present("dataDir", dataDir);
        locateIdx("mnist", dataDir, MNIST_REMEDY);
        return dataDir;
    }

    private static final String MNIST_REMEDY = "Put the four MNIST files " + String.join(", ", FILES)
            + " (gzipped or not) in the directory given by --data-dir.";

    /**
     * Loads any data set in the MNIST file layout.
     *
     * @param name       the data set's name, for provenance and messages
     * @param dir        the directory holding the four files
     * @param classNames class names in label order; labels must lie in [0, classNames.size())
     * @param remedy     what the user should do when files are missing
     */
    public static LoadedDataset loadIdx(String name, Path dir, List<String> classNames, String remedy) {
        Checks.present("name", name);
        Checks.present("dir", dir);
        Checks.present("classNames", classNames);
        Checks.present("remedy", remedy);
        List<Path> paths = locateIdx(name, dir, remedy);
        IdxReader.Images trainImages = IdxReader.readImages(paths.get(0));
        IdxReader.Labels trainLabels = IdxReader.readLabels(paths.get(1));
        IdxReader.Images testImages = IdxReader.readImages(paths.get(2));
        IdxReader.Labels testLabels = IdxReader.readLabels(paths.get(3));
        if (testImages.rows() != trainImages.rows() || testImages.cols() != trainImages.cols()) {
            throw new DatasetFormatException(testImages.file().path(), "images are " + testImages.rows() + "x"
                    + testImages.cols() + " but the training images in " + trainImages.file().path() + " are "
                    + trainImages.rows() + "x" + trainImages.cols());
        }
        LabeledData train = combine(name + "/train", trainImages, trainLabels, classNames);
        LabeledData test = combine(name + "/test", testImages, testLabels, classNames);
        DataSetInfo info = new DataSetInfo(name, dir.toAbsolutePath(), List.of(trainImages.file().digest(),
                trainLabels.file().digest(), testImages.file().digest(), testLabels.file().digest()), train.size(),
                test.size(), classNames, train.shape().asList());
        return new LoadedDataset(info, train, test);
    }

    /** The four files in {@link #FILES} order; a {@link DatasetNotFoundException} naming those missing. */
    private static List<Path> locateIdx(String name, Path dir, String remedy) {
        List<String> missing = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (String f : FILES) {
            Optional<Path> p = Files.isDirectory(dir) ? DataFiles.locate(dir, f) : Optional.empty();
            if (p.isPresent()) {
                paths.add(p.get());
            } else {
                missing.add(f + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(name, dir, missing, remedy);
        }
        return paths;
    }

    private static LabeledData combine(String name, IdxReader.Images images, IdxReader.Labels labels,
                                       List<String> classNames) {
        Path lp = labels.file().path();
        if (labels.count() != images.count()) {
            throw new DatasetFormatException(lp, "holds " + labels.count() + " labels but "
                    + images.file().path() + " holds " + images.count() + " images");
        }
        int[] y = new int[labels.count()];
        byte[] lb = labels.file().content();
        for (int i = 0; i < y.length; i++) {
            y[i] = lb[labels.offset() + i] & 0xff;
            if (y[i] >= classNames.size()) {
                throw new DatasetFormatException(lp, "label " + y[i] + " of example " + i + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
        ImageShape shape = new ImageShape(1, images.rows(), images.cols());
        float[] x = LabeledData.scaleBytes(images.file().content(), images.offset(), images.count() * shape.size());
        return LabeledData.own(name, x, y, shape, classNames);
    }
}
