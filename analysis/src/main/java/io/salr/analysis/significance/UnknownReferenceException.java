package io.salr.analysis.significance;

import java.util.List;
import java.util.Set;

/** The reference method is not among the methods in the results; the message names it and lists them. */
public final class UnknownReferenceException extends IllegalArgumentException {

    private final String reference;
    private final List<String> methodsPresent;

    public UnknownReferenceException(String reference, Set<String> methodsPresent, boolean isDefault) {
        super((isDefault ? "default reference method '" : "reference method '") + reference
                + "' is not in the results; methods present: " + String.join(", ", methodsPresent)
                + (isDefault ? " (name a reference explicitly)" : ""));
        this.reference = reference;
        this.methodsPresent = List.copyOf(methodsPresent);
    }

    /** The reference method asked for. */
    public String reference() {
        return reference;
    }

    /** The methods present in the results, sorted. */
    public List<String> methodsPresent() {
        return methodsPresent;
    }
}
