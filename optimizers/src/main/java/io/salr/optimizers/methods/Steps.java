package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.FiniteCheck;
import io.salr.optimizers.dl4j.LossGradient;
import io.salr.optimizers.dl4j.NetworkAdapter;
import io.salr.optimizers.meter.MeterReading;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The end of a step shared by the methods: apply it if everything is finite, else report divergence. */
final class Steps {

    private Steps() {
    }

    /** A record of a gradient that is NaN or infinite (the step is not applied). */
    static Optional<StepRecord> checkGradient(NetworkAdapter net, long k, LossGradient g, double rate,
            MeterReading start) {
        if (g.isFinite()) {
            return Optional.empty();
        }
        String cause = Double.isFinite(g.loss()) ? "gradient has a NaN or infinite entry"
                : "loss is " + g.loss();
        return Optional.of(StepRecord.diverged(k, g.loss(), rate, net.meter().reading().since(start), cause));
    }

    /**
     * Sets {@code theta - delta - statisticsStep} as the new parameters, unless it has a NaN or infinite
     * entry, in which case the parameters stay at theta and the record says why.
     */
    static StepRecord apply(NetworkAdapter net, long k, INDArray theta, INDArray delta, LossGradient g,
            double rate, OptionalDouble sharpness, MeterReading start) {
        INDArray next = theta.sub(delta).subi(g.statisticsStep());
        MeterReading cost = net.meter().reading().since(start);
        if (!FiniteCheck.allFinite(next)) {
            return StepRecord.diverged(k, g.loss(), rate, cost, "parameters became NaN or infinite");
        }
        net.setParams(next);
        return new StepRecord(k, g.loss(), rate, sharpness, cost, Optional.empty());
    }

    /** A record of an arithmetic failure (non-finite sharpness or probe gradient). */
    static StepRecord failed(NetworkAdapter net, long k, ArithmeticException e, MeterReading start) {
        return StepRecord.diverged(k, Double.NaN, Double.NaN, net.meter().reading().since(start),
                e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
