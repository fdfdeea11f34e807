package io.salr.datasets.real;

import io.salr.validation.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loaders for CIFAR-10 and CIFAR-100 in their standard binary formats, from a user directory (the
 * directory itself or its standard sub-folder {@code cifar-10-batches-bin} / {@code cifar-100-binary}).
 * Each record is one label byte (CIFAR-10) or a coarse and a fine label byte (CIFAR-100) followed by 3072
 * pixel bytes: 1024 red, 1024 green, 1024 blue, each 32x32 in row order, which is already channels x height
 * x width. Files may be gzipped. Class names are read from {@code batches.meta.txt} /
 * {@code fine_label_names.txt} / {@code coarse_label_names.txt} when present (and then digested too).
 */
public final class Cifar {

    /** Pixel bytes per record. */
    public static final int PIXELS = 3 * 32 * 32;
    /** The shape of one CIFAR image. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    /** CIFAR-10 training files, in reading order. */
    public static final List<String> CIFAR10_TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** CIFAR-10 test file. */
    public static final String CIFAR10_TEST = "test_batch.bin";
    /** CIFAR-100 training file. */
    public static final String CIFAR100_TRAIN = "train.bin";
    /** CIFAR-100 test file. */
    public static final String CIFAR100_TEST = "test.bin";
    /** CIFAR-10's class names in label order, used when {@code batches.meta.txt} is absent. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    /** Which CIFAR-100 label to use. */
    public enum Cifar100Labels {
        /** The 100 fine classes (the default). */
        FINE(100, "fine_label_names.txt"),
        /** The 20 coarse super-classes. */
        COARSE(20, "coarse_label_names.txt");

        private final int classes;
        private final String namesFile;

        Cifar100Labels(int classes, String namesFile) {
            this.classes = classes;
            this.namesFile = namesFile;
        }

        /** The number of classes. */
        public int classes() {
            return classes;
        }
    }

    private Cifar() {
    }

    /**
     * Loads CIFAR-10: {@code data_batch_1.bin} to {@code data_batch_5.bin} for training, {@code test_batch.bin}
     * for testing.
     *
     * @throws DatasetNotFoundException when a file is missing
     * @throws DatasetFormatException   when a file is corrupt, truncated or has labels out of range
     */
    public static LoadedDataset loadCifar10(Path dataDir) {
        Checks.present("dataDir", dataDir);
        Path dir = resolve(dataDir, "cifar-10-batches-bin", CIFAR10_TEST);
        List<String> all = new ArrayList<>(CIFAR10_TRAIN);
        all.add(CIFAR10_TEST);
        List<Path> paths = locateAll("cifar10", dir, all, CIFAR10_REMEDY);
        List<FileDigest> digests = new ArrayList<>();
        List<String> names = classNames(dir, "batches.meta.txt", CIFAR10_CLASSES, 10, digests);
        int[] limits = {names.size()};
        Parsed train = parse(paths.subList(0, 5), limits, 0);
        Parsed test = parse(paths.subList(5, 6), limits, 0);
        return assemble("cifar10", dir, train, test, names, digests);
    }

    /** Loads CIFAR-100 with its fine labels. */
    public static LoadedDataset loadCifar100(Path dataDir) {
        return loadCifar100(dataDir, Cifar100Labels.FINE);
    }

    /**
     * Loads CIFAR-100 ({@code train.bin}, {@code test.bin}) with the fine or the coarse labels.
     *
     * @throws DatasetNotFoundException when a file is missing
     * @throws DatasetFormatException   when a file is corrupt, truncated or has labels out of range
     */
    public static LoadedDataset loadCifar100(Path dataDir, Cifar100Labels which) {
        Checks.present("dataDir", dataDir);
        Checks.present("which", which);
        Path dir = resolve(dataDir, "cifar-100-binary", CIFAR100_TEST);
        List<Path> paths = locateAll("cifar100", dir, List.of(CIFAR100_TRAIN, CIFAR100_TEST), CIFAR100_REMEDY);
        List<String> fallback = new ArrayList<>();
        for (int i = 0; i < which.classes; i++) {
            fallback.add((which == Cifar100Labels.FINE ? "fine_" : "coarse_") + i);
        }
        List<FileDigest> digests = new ArrayList<>();
        List<String> names = classNames(dir, which.namesFile, fallback, which.classes, digests);
        int labelByte = which == Cifar100Labels.FINE ? 1 : 0;
        int[] limits = {Cifar100Labels.COARSE.classes, Cifar100Labels.FINE.classes};
        Parsed train = parse(paths.subList(0, 1), limits, labelByte);
        Parsed test = parse(paths.subList(1, 2), limits, labelByte);
        String name = which == Cifar100Labels.FINE ? "cifar100" : "cifar100-coarse";
        return assemble(name, dir, train, test, names, digests);
    }

    private static final String CIFAR10_REMEDY = "Put the CIFAR-10 binary files (from cifar-10-binary.tar.gz)"
            + " in the directory given by --data-dir.";
    private static final String CIFAR100_REMEDY = "Put the CIFAR-100 binary files (from cifar-100-binary.tar.gz)"
            + " in the directory given by --data-dir.";

    /**
     * Checks that the CIFAR-10 files are where {@link #loadCifar10} looks for them, without reading them.
     *
     * @return the directory holding them
     * @throws DatasetNotFoundException as {@link #loadCifar10} would
     */
    public static Path locateCifar10(Path dataDir) {
        Checks.present("dataDir", dataDir);
        Path dir = resolve(dataDir, "cifar-10-batches-bin", CIFAR10_TEST);
        List<String> all = new ArrayList<>(CIFAR10_TRAIN);
        all.add(CIFAR10_TEST);
        locateAll("cifar10", dir, all, CIFAR10_REMEDY);
        return dir;
    }

    /**
     * Checks that the CIFAR-100 files are where {@link #loadCifar100(Path, Cifar100Labels)} looks for them,
     * without reading them.
     *
     * @return the directory holding them
     * @throws DatasetNotFoundException as {@link #loadCifar100(Path, Cifar100Labels)} would
     */
    public static Path locateCifar100(Path dataDir) {
        Checks.present("dataDir", dataDir);
        Path dir = resolve(dataDir, "cifar-100-binary", CIFAR100_TEST);
        locateAll("cifar100", dir, List.of(CIFAR100_TRAIN, CIFAR100_TEST), CIFAR100_REMEDY);
        return dir;
    }

    private record Parsed(float[] features, int[] labels, List<FileDigest> digests) {
    }

    private static LoadedDataset assemble(String name, Path dir, Parsed train, Parsed test, List<String> names,
                                          List<FileDigest> metaDigests) {
        LabeledData tr = LabeledData.own(name + "/train", train.features, train.labels, SHAPE, names);
        LabeledData te = LabeledData.own(name + "/test", test.features, test.labels, SHAPE, names);
        List<FileDigest> digests = new ArrayList<>(train.digests);
        digests.addAll(test.digests);
        digests.addAll(metaDigests);
        DataSetInfo info = new DataSetInfo(name, dir.toAbsolutePath(), digests, tr.size(), te.size(), names,
                SHAPE.asList());
        return new LoadedDataset(info, tr, te);
    }

    /** The directory itself if it holds {@code probe}, else the standard sub-folder if that does. */
    private static Path resolve(Path dataDir, String subfolder, String probe) {
        if (DataFiles.locate(dataDir, probe).isEmpty() && DataFiles.locate(dataDir.resolve(subfolder), probe).isPresent()) {
            return dataDir.resolve(subfolder);
        }
        return dataDir;
    }

    private static List<Path> locateAll(String name, Path dir, List<String> files, String remedy) {
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String f : files) {
            Optional<Path> p = Files.isDirectory(dir) ? DataFiles.locate(dir, f) : Optional.empty();
            if (p.isPresent()) {
                found.add(p.get());
            } else {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(name, dir, missing, remedy);
        }
        return found;
    }

    /** Reads class names, one a line, if the file exists; otherwise the fallback. */
    private static List<String> classNames(Path dir, String file, List<String> fallback, int expected,
                                           List<FileDigest> digests) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return fallback;
        }
        DataFiles.Content c = DataFiles.read(p);
        List<String> names = new ArrayList<>();
        for (String line : new String(c.content(), StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        if (names.size() != expected) {
            throw new DatasetFormatException(p, "lists " + names.size() + " class names, expected " + expected);
        }
        digests.add(c.digest());
        return names;
    }

    /**
     * Parses records of {@code limits.length} label bytes (each checked against its limit) and 3072 pixel
     * bytes; the label used is byte {@code labelByte}.
     */
    private static Parsed parse(List<Path> files, int[] limits, int labelByte) {
        int labelBytes = limits.length;
        int record = labelBytes + PIXELS;
        List<DataFiles.Content> contents = new ArrayList<>();
        long total = 0;
        for (Path p : files) {
            DataFiles.Content c = DataFiles.read(p);
            int len = c.content().length;
            if (len == 0) {
                throw new DatasetFormatException(p, "is empty");
            }
            if (len % record != 0) {
                throw new DatasetFormatException(p, "length " + len + " is not a multiple of the record size "
                        + record + " (" + labelBytes + " label byte" + (labelBytes == 1 ? "" : "s") + " + " + PIXELS
                        + " pixel bytes): truncated or not a CIFAR-" + (labelBytes == 1 ? "10" : "100") + " file");
            }
            total += len / record;
            contents.add(c);
        }
        if (total * PIXELS > Integer.MAX_VALUE) {
            throw new DatasetFormatException(files.get(0), "too many records: " + total);
        }
        float[] x = new float[(int) total * PIXELS];
        int[] y = new int[(int) total];
        List<FileDigest> digests = new ArrayList<>();
        int n = 0;
        for (DataFiles.Content c : contents) {
            byte[] b = c.content();
            int records = b.length / record;
            for (int r = 0; r < records; r++, n++) {
                int off = r * record;
                for (int l = 0; l < labelBytes; l++) {
                    int label = b[off + l] & 0xff;
                    if (label >= limits[l]) {
                        String kind = labelBytes == 1 ? "label" : (l == 0 ? "coarse label" : "fine label");
                        throw new DatasetFormatException(c.path(), kind + " " + label + " of record " + r
                                + " is outside [0, " + limits[l] + ")");
                    }
                }
                y[n] = b[off + labelByte] & 0xff;
                int base = off + labelBytes;
                int dst = n * PIXELS;
                for (int j = 0; j < PIXELS; j++) {
                    x[dst + j] = (b[base + j] & 0xff) / 255f;
                }
            }
            digests.add(c.digest());
        }
        return new Parsed(x, y, digests);
    }
}
