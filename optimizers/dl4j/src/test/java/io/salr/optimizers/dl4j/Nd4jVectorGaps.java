package io.salr.optimizers.dl4j;

import java.util.Set;
import java.util.TreeSet;

/**
 * FINDING (reported; main code unchanged): the refusals {@link Nd4jVector} misses today. It refuses a
 * vector of another engine with an {@code InvalidParameterException}, but hands operands of another
 * length or float type straight to ND4J, so none of these gets the typed error naming the field: ND4J
 * broadcasts or assigns where it can (seen: {@code assign}, {@code add}, {@code sub}, {@code mul} and
 * {@code dot} of a length-1 vector with a length-2 one return without error) and otherwise fails with its
 * own {@code IllegalStateException} (seen: {@code addi}, {@code subi}, {@code muli}, {@code divi}); a
 * float32 and a float64 vector mix without complaint. The torch engine's vector refuses all of these.
 */
final class Nd4jVectorGaps {

    private Nd4jVectorGaps() {
    }

    /** Every binary operation with a longer operand, a length-1 operand or the other float type. */
    static final Set<String> KNOWN;

    static {
        Set<String> gaps = new TreeSet<>();
        for (String op : new String[] {"assign", "addi", "subi", "muli", "divi", "dot", "add", "sub", "mul"}) {
            for (String operand : new String[] {"a longer vector", "a vector of length 1", "the other float type"}) {
                gaps.add(op + " with " + operand);
            }
        }
        KNOWN = Set.copyOf(gaps);
    }
}
