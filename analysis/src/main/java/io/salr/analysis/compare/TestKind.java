package io.salr.analysis.compare;

/**
 * What a comparison asks. Every kind is about the <em>improvement</em> of the method over the reference
 * ({@code sign * (method - reference)}, positive is better; see {@link io.salr.analysis.metric.Direction}).
 */
public enum TestKind {
    /** Two-sided: is the improvement different from 0? The report's question for every method. */
    DIFFERENCE,
    /** One-sided: is the improvement greater than 0? ("SALR is more accurate than SGD") */
    SUPERIORITY,
    /** One-sided: is the improvement greater than -margin? ("SALR is no worse than SGD by more than m") */
    NON_INFERIORITY,
    /** Two one-sided tests (TOST): does the improvement lie within (-margin, margin)? ("insensitive to gamma") */
    EQUIVALENCE
}
