package io.salr.optimizers.sharpness;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

/**
 * The parameters of the sharpness estimate of Definition 1 (Section III): the step length gamma and
 * the numbers of normalized descent steps {@code n1} (towards theta-minus) and ascent steps
 * {@code n2} (towards theta-plus). The paper's introduction names the two counts the other way
 * round; this code follows Definition 1, Algorithm 2 and Theorem 2.
 *
 * @param gamma step length of every normalized step, finite and &gt; 0
 * @param n1 number of normalized descent steps, &gt;= 0
 * @param n2 number of normalized ascent steps, &gt;= 0 (n1 and n2 not both zero)
 */
public record SharpnessConfig(double gamma, int n1, int n2) {

    /** Validates every field; the error names the parameter and the rejected value. */
    public SharpnessConfig {
        Checks.positive("gamma", gamma);
        Checks.atLeast("n1", n1, 0);
        Checks.atLeast("n2", n2, 0);
        if (n1 == 0 && n2 == 0) {
            throw new InvalidParameterException("n1/n2", n1 + "/" + n2, "must not both be 0");
        }
    }

    /** The radius bound of Remark 2: every probe point lies within {@code max(n1, n2) * gamma} of theta. */
    public double maxProbeRadius() {
        return Math.max(n1, n2) * gamma;
    }

}
