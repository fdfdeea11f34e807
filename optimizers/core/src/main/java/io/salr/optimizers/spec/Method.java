package io.salr.optimizers.spec;

import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The methods of the paper's Section VI, Table I: each with its command-line name, its family (which
 * step code runs it), its base rule (SGD or Adam) and whether SALR sets its learning rate. Code asks
 * these attributes; it never looks at a method's name.
 */
public enum Method {
    SGD("sgd", Family.GRADIENT, Base.SGD, false),
    ADAM("adam", Family.GRADIENT, Base.ADAM, false),
    SGD_SALR("sgd-salr", Family.GRADIENT, Base.SGD, true),
    ADAM_SALR("adam-salr", Family.GRADIENT, Base.ADAM, true),
    SAM("sam", Family.SAM, Base.SGD, false),
    ADAM_SAM("adam-sam", Family.SAM, Base.ADAM, false),
    SWA("swa", Family.SWA, Base.SGD, false),
    ADAM_SWA("adam-swa", Family.SWA, Base.ADAM, false),
    ENTROPY_SGD("entropy-sgd", Family.ENTROPY, Base.SGD, false),
    ENTROPY_SGD_SALR("entropy-sgd-salr", Family.ENTROPY, Base.SGD, true),
    ENTROPY_ADAM("entropy-adam", Family.ENTROPY, Base.ADAM, false),
    ENTROPY_ADAM_SALR("entropy-adam-salr", Family.ENTROPY, Base.ADAM, true);

    /** Which step code runs a method. */
    public enum Family {
        /** SGD or Adam, with a base schedule or SALR (Algorithms 3 and 4). */
        GRADIENT,
        /** Sharpness-aware minimization (Foret et al. 2021). */
        SAM,
        /** Stochastic weight averaging (Izmailov et al. 2018). */
        SWA,
        /** Entropy-SGD (Chaudhari et al. 2019), with an SGD or Adam outer step. */
        ENTROPY
    }

    /** The first-order rule underneath. */
    public enum Base {
        SGD,
        ADAM
    }

    private final String cliName;
    private final Family family;
    private final Base base;
    private final boolean salr;

    Method(String cliName, Family family, Base base, boolean salr) {
        this.cliName = cliName;
        this.family = family;
        this.base = base;
        this.salr = salr;
    }

    /** The name on the command line, in spec files and in results ({@code sgd-salr}). */
    public String cliName() {
        return cliName;
    }

    public Family family() {
        return family;
    }

    public Base base() {
        return base;
    }

    /** True when SALR sets the learning rate. */
    public boolean salr() {
        return salr;
    }

    /** Every method's command-line name, in table order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(Method::cliName).toList();
    }

    /** The method of a command-line name (case and surrounding blanks ignored); bad names name the field. */
    public static Method parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.cliName.equals(t)) {
                return m;
            }
        }
        throw new InvalidParameterException(field, text, "must be one of " + String.join(", ", cliNames()));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
