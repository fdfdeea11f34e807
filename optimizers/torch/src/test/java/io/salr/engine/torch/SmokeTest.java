package io.salr.engine.torch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void everyArchitectureRuns() {
        for (ModelSpec spec : List.of(Fixtures.mlp(true, 0.5), Fixtures.lenet(true, 0.5), Fixtures.allCnn(true, 0.5),
                Fixtures.resnet(0.5), Fixtures.charLstm(0.5), Fixtures.mlp(false, 0.0), Fixtures.lenet(false, 0.3),
                Fixtures.charLstm(0.0))) {
            TrainableModel m = new TorchEngine().build(spec, new GradientMeter());
            Batch b = m.batch(Fixtures.batch(spec, 4, 1));
            LossGradient g = m.lossAndGradient(b);
            NormalizedGradient n = m.perExampleNormalizedGradient(b);
            System.out.println(spec.architecture() + " " + m.numParams() + " loss " + g.loss() + " |g| " + g.gradient().norm2()
                    + " norms " + java.util.Arrays.toString(n.norms()) + " |d| " + n.direction().norm2());
            assertTrue(g.isFinite());
        }
    }
}
