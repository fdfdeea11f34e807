package io.salr.datasets.real;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of a data set are not where they were looked for. The message says which files are missing,
 * where they were looked for, and how to provide them (a Debian package or the {@code --data-dir}
 * option); nothing is ever downloaded.
 */
public final class DatasetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String dataset;
    private final transient Path directory;
    private final List<String> missingFiles;

    /**
     * @param dataset      the data set's name (e.g. {@code fashion-mnist})
     * @param directory    where the files were looked for (may be {@code null} if no directory was given)
     * @param missingFiles the file names that were not found
     * @param remedy       how to make them available
     */
    public DatasetNotFoundException(String dataset, Path directory, List<String> missingFiles, String remedy) {
        super(message(dataset, directory, missingFiles, remedy));
        this.dataset = dataset;
        this.directory = directory;
        this.missingFiles = List.copyOf(missingFiles);
    }

    private static String message(String dataset, Path directory, List<String> missing, String remedy) {
        StringBuilder sb = new StringBuilder("data set ").append(dataset).append(" not found");
        if (directory != null) {
            sb.append(" in ").append(directory);
        }
        if (!missing.isEmpty()) {
            sb.append(": missing ").append(String.join(", ", missing));
        }
        return sb.append(". ").append(remedy).toString();
    }

    /** The data set's name. */
    public String dataset() {
        return dataset;
    }

    /** Where the files were looked for, or {@code null} when no directory was given. */
    public Path directory() {
        return directory;
    }

    /** The names of the files that were not found. */
    public List<String> missingFiles() {
        return missingFiles;
    }
}
