package io.salr.optimizers.methods;

import static io.salr.optimizers.dl4j.TinyNets.array;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.dl4j.TinyNets;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * On a network with dropout, every pass of one sharpness measurement sees the dropout masks of the step's
 * seed: S-hat then measures f(theta+) - f(theta-) of one function. With a fresh mask per pass, S-hat at a
 * tiny gamma is the difference between two masked losses (noise of order 0.1 here) instead of about
 * 2 gamma ||g||.
 */
class ProbeDropoutTest {

    @Test
    void allPassesOfAMeasurementShareTheStepsMasks() {
        Dl4jModel net = Dl4jModel.of(TinyNets.dropoutMlp(3, DataType.DOUBLE), new GradientMeter());
        Dl4jBatch batch = TinyNets.data(31, 32, DataType.DOUBLE);
        StochasticSharpness probe = new StochasticSharpness(new StochasticSharpnessConfig(new SharpnessConfig(1e-7, 1, 1),
                StochasticSharpnessConfig.Normalization.BATCH, StochasticSharpnessConfig.ProbeBatch.STEP,
                ZeroGradientPolicy.RANDOM_DIRECTION));
        net.seedStochasticLayers(99);
        double first = probe.estimate(net, batch, RandomStreams.named(1, "p")).sHat();
        assertTrue(Math.abs(first) < 1e-5, "S-hat at gamma 1e-7 on one masked function: " + first);
        assertTrue(first > 0, "ascent end above descent end: " + first);
        net.seedStochasticLayers(99);
        assertEquals(first, probe.estimate(net, batch, RandomStreams.named(1, "p")).sHat(), 0.0, "repeatable");
        // the masks matter: another seed gives another masked function (so the test above can fail)
        net.seedStochasticLayers(99);
        double a = net.loss(batch);
        net.seedStochasticLayers(100);
        double b = net.loss(batch);
        assertTrue(Math.abs(a - b) > 1e-3, "different masks, different losses: " + a + " vs " + b);
        assertTrue(array(net.params()).length() > 0);
    }

    @Test
    void theUpdateOfARefreshStepUsesTheMasksOfItsProbe() {
        // SGD-SALR's update at a refresh step reuses the probe's first pass: its loss is the masked loss at theta
        Dl4jModel net = Dl4jModel.of(TinyNets.dropoutMlp(4, DataType.DOUBLE), new GradientMeter());
        Dl4jBatch batch = TinyNets.data(41, 16, DataType.DOUBLE);
        net.seedStochasticLayers(7);
        double maskedLoss = net.loss(batch);
        TrainingMethod m = new GradientMethodConfig(SgdConfig.plain(), new SalrRate(
                io.salr.optimizers.schedule.SalrScheduleConfig.of(0.1, 2),
                StochasticSharpnessConfig.batchNormalized(new SharpnessConfig(0.01, 2, 2)))).create(1);
        net.seedStochasticLayers(7);
        StepRecord r = m.step(net, batch, null, 0);
        assertEquals(maskedLoss, r.loss(), 1e-12);
    }
}
