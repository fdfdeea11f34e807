package io.salr.optimizers.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Whether arrays hold only finite numbers; used to report (never to repair) a diverged run. */
public final class FiniteCheck {

    private FiniteCheck() {
    }

    /** True when no entry of {@code array} is NaN or infinite. */
    public static boolean allFinite(INDArray array) {
        return !BooleanIndexing.or(array, Conditions.notFinite());
    }
}
