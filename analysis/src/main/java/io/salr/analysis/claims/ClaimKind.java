package io.salr.analysis.claims;

import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;

/** How a claim is tested. */
public enum ClaimKind {
    /** A method against baselines on one metric at the runs' (gradient-call matched) budget. */
    COMPARISON("comparison"),
    /** Every other gamma of a method against a reference gamma, the rest of the configuration equal. */
    GAMMA("gamma"),
    /** A comparison read as epochs: valid evidence only at the claimed ratio of iterations. */
    FEWER_EPOCHS("fewer-epochs"),
    /** Within each SALR run, the rank correlation of the learning rate with S-hat over the refreshes. */
    RATE_FOLLOWS_SHARPNESS("rate-follows-sharpness");

    private final String word;

    ClaimKind(String word) {
        this.word = word;
    }

    /** The name in claims files. */
    public String word() {
        return word;
    }

    static ClaimKind parse(String field, Object text) {
        String t = String.valueOf(text).trim().toLowerCase(Locale.ROOT);
        for (ClaimKind k : values()) {
            if (k.word.equals(t)) {
                return k;
            }
        }
        throw new InvalidParameterException(field, text, "must be one of "
                + String.join(", ", Arrays.stream(values()).map(ClaimKind::word).toList()));
    }
}
