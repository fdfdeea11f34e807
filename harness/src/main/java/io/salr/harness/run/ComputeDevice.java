package io.salr.harness.run;

import io.salr.validation.InvalidParameterException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a run's tensors live: {@code cpu} (the default), {@code cuda} (the current CUDA device) or
 * {@code cuda:N}. Only the torch engine chooses its device per run; DL4J's device is fixed by the build
 * (ND4J's CPU or CUDA backend, {@code SALR_BACKEND}), so a DL4J run spec holds {@code cpu} (see
 * {@link RunSpec}). The default is left out of the run id, so runs recorded before the field existed keep
 * their ids.
 *
 * @param label the name in specs and on the command line
 */
public record ComputeDevice(String label) {

    private static final Pattern VALID = Pattern.compile("cpu|cuda(:\\d{1,3})?");

    /** The default device. */
    public static final ComputeDevice CPU = new ComputeDevice("cpu");

    public ComputeDevice {
        if (label == null || !VALID.matcher(label).matches()) {
            throw new InvalidParameterException("device", label, "must be cpu, cuda or cuda:N");
        }
    }

    /** Parses {@code cpu}, {@code cuda} or {@code cuda:N} (case and surrounding blanks ignored); errors name {@code field}. */
    public static ComputeDevice parse(String field, Object text) {
        String t = text == null ? "" : String.valueOf(text).trim().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(t).matches()) {
            throw new InvalidParameterException(field, text, "must be cpu, cuda or cuda:N");
        }
        return new ComputeDevice(t);
    }

    /** Whether this is the default device. */
    public boolean isCpu() {
        return label.equals("cpu");
    }

    @Override
    public String toString() {
        return label;
    }
}
