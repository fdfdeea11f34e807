package io.salr.datasets.real;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The single entry point the command line uses to load a real data set by name. Everything is read from
 * local files; nothing is downloaded.
 *
 * <ul>
 *   <li>{@code fashion-mnist}: from {@code --data-dir} if given, else from the Debian package
 *       {@code dataset-fashion-mnist} ({@value #FASHION_DIR_TEXT});</li>
 *   <li>{@code mnist}: the four IDX files in {@code --data-dir};</li>
 *   <li>{@code cifar10}, {@code cifar100} (fine labels), {@code cifar100-coarse}: the binary files in
 *       {@code --data-dir};</li>
 *   <li>{@code text:PATH}: a UTF-8 text file, split by {@link TextConfig#DEFAULTS}; a relative {@code PATH}
 *       is resolved against {@code --data-dir} when given.</li>
 * </ul>
 */
public final class Datasets {

    /** The valid names, as shown in error messages. */
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "cifar100",
            "cifar100-coarse", "text:PATH");

    static final String FASHION_DIR_TEXT = "/usr/share/datasets/fashion-mnist";

    /**
     * The training and test set sizes of the image data sets (their published splits), so that a planner
     * can convert epochs to iterations before loading anything; a text corpus's size depends on its file.
     */
    private static final Map<String, int[]> SPLIT_SIZES = Map.of("fashion-mnist", new int[] {60_000, 10_000},
            "mnist", new int[] {60_000, 10_000}, "cifar10", new int[] {50_000, 10_000},
            "cifar100", new int[] {50_000, 10_000}, "cifar100-coarse", new int[] {50_000, 10_000});

    /** The number of training examples of a named image data set; empty for {@code text:PATH} and unknown names. */
    public static OptionalInt trainSize(String name) {
        int[] s = SPLIT_SIZES.get(name);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s[0]);
    }

    /** The number of test examples of a named image data set; empty for {@code text:PATH} and unknown names. */
    public static OptionalInt testSize(String name) {
        int[] s = SPLIT_SIZES.get(name);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s[1]);
    }

    /**
     * The training examples of {@code classes} of the named image data set's classes, where that is known before
     * loading: the data sets whose classes are equally frequent (Fashion-MNIST: 6,000 training images a class; the
     * CIFAR sets); empty for MNIST (its classes differ in size), text and unknown names. 0 classes: all of them.
     */
    public static OptionalInt trainSize(String name, int classes) {
        return classes == 0 ? trainSize(name) : balancedShare(trainSize(name), name, classes);
    }

    /** {@link #trainSize(String, int)} for the test split. */
    public static OptionalInt testSize(String name, int classes) {
        return classes == 0 ? testSize(name) : balancedShare(testSize(name), name, classes);
    }

    private static OptionalInt balancedShare(OptionalInt all, String name, int classes) {
        OptionalInt k = numClasses(name);
        if (all.isEmpty() || k.isEmpty() || name.equals("mnist")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(all.getAsInt() / k.getAsInt() * classes);
    }

    /** The number of classes of a named image data set; empty for {@code text:PATH} and unknown names. */
    public static OptionalInt numClasses(String name) {
        Integer k = Map.of("fashion-mnist", 10, "mnist", 10, "cifar10", 10, "cifar100", 100, "cifar100-coarse", 20).get(name);
        return k == null ? OptionalInt.empty() : OptionalInt.of(k);
    }

    /** True for a name {@link #load} accepts (an image data set or {@code text:PATH}). */
    public static boolean isKnown(String name) {
        return name != null && (SPLIT_SIZES.containsKey(name) || name.startsWith("text:"));
    }

    private Datasets() {
    }

    /**
     * Loads a data set by name with the default text configuration.
     *
     * @param name    one of {@link #NAMES}
     * @param dataDir the {@code --data-dir} override, or empty
     * @throws InvalidParameterException  for an unknown name (listing the valid names) or a missing
     *                                    {@code --data-dir} where one is required
     * @throws DatasetNotFoundException   when files are missing
     * @throws DatasetFormatException     when a file is corrupt, truncated or mislabelled
     */
    public static LoadedDataset load(String name, Optional<Path> dataDir) {
        return load(name, dataDir, TextConfig.DEFAULTS);
    }

    /** As {@link #load(String, Optional)}, with an explicit configuration for {@code text:PATH}. */
    public static LoadedDataset load(String name, Optional<Path> dataDir, TextConfig textConfig) {
        Checks.present("name", name);
        Checks.present("dataDir", dataDir);
        Checks.present("textConfig", textConfig);
        if (name.startsWith("text:")) {
            return TextCorpus.load(name, textPath(name, dataDir), textConfig).toLoadedDataset();
        }
        switch (name) {
            case "fashion-mnist":
                return Mnist.loadFashionMnist(dataDir);
            case "mnist":
                return Mnist.loadMnist(requireDir(name, dataDir));
            case "cifar10":
                return Cifar.loadCifar10(requireDir(name, dataDir));
            case "cifar100":
                return Cifar.loadCifar100(requireDir(name, dataDir), Cifar.Cifar100Labels.FINE);
            case "cifar100-coarse":
                return Cifar.loadCifar100(requireDir(name, dataDir), Cifar.Cifar100Labels.COARSE);
            default:
                throw new InvalidParameterException("dataset", name, "must be one of " + String.join(", ", NAMES));
        }
    }

    /**
     * Checks that the files of a data set are where {@link #load(String, Optional)} looks for them, without
     * reading them (cheap: for a check before a sweep starts). The errors are those {@code load} throws for
     * missing files, with the same messages (naming the Debian package or {@code --data-dir}); a corrupt
     * file is only found by {@code load}.
     *
     * @param name    one of {@link #NAMES}
     * @param dataDir the {@code --data-dir} override, or empty
     * @return the directory (or, for {@code text:PATH}, the file) the data set would be read from
     * @throws InvalidParameterException for an unknown name or a missing {@code --data-dir} where one is required
     * @throws DatasetNotFoundException  when files are missing
     */
    public static Path locate(String name, Optional<Path> dataDir) {
        Checks.present("name", name);
        Checks.present("dataDir", dataDir);
        if (name.startsWith("text:")) {
            return TextCorpus.locate(name, textPath(name, dataDir));
        }
        return switch (name) {
            case "fashion-mnist" -> Mnist.locateFashionMnist(dataDir);
            case "mnist" -> Mnist.locateMnist(requireDir(name, dataDir));
            case "cifar10" -> Cifar.locateCifar10(requireDir(name, dataDir));
            case "cifar100", "cifar100-coarse" -> Cifar.locateCifar100(requireDir(name, dataDir));
            default -> throw new InvalidParameterException("dataset", name, "must be one of " + String.join(", ", NAMES));
        };
    }

    private static Path textPath(String name, Optional<Path> dataDir) {
        String file = name.substring("text:".length());
        if (file.isEmpty()) {
            throw new InvalidParameterException("dataset", name, "must name a file after text:");
        }
        Path path = Path.of(file);
        return !path.isAbsolute() && dataDir.isPresent() ? dataDir.get().resolve(path) : path;
    }

    private static Path requireDir(String name, Optional<Path> dataDir) {
        return dataDir.orElseThrow(() -> new InvalidParameterException("--data-dir", "none",
                "must name the directory holding the " + name + " files (nothing is downloaded)"));
    }
}
