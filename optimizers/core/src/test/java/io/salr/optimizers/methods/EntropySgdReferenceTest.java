package io.salr.optimizers.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.engine.ArrayVector;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.QuadraticModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.spec.EntropySpec;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entropy-SGD against the authors' Lua code at the momenta their experiments ran: entropyoptim.lua from
 * github.com/ucla-vision/entropy-sgd, called by train.lua with {@code momentum = 0.9, nesterov = true,
 * dampening = 0}. Transcribed per outer update (noise and weight decay 0):
 *
 * <pre>
 *   t = t + 1; g = gamma (1 + scoping)^t
 *   lx = xc; lmx = xc; mdfdx = 0
 *   for i = 1..L:
 *     ldfdx = grad(lx)
 *     mdfdx = mom mdfdx + (1 - damp) ldfdx       (damp = 0)
 *     ldfdx = ldfdx + mom mdfdx                  (nesterov)
 *     ldfdx = ldfdx - g (xc - lx)
 *     lx = lx - lclr ldfdx
 *     lmx = beta1 lmx + (1 - beta1) lx           (beta1 = 0.75)
 *   dfdx = 0 (the momentum-carrying gradient is killed); dfdx = xc - lmx; x = xc - clr dfdx
 * </pre>
 *
 * The outer step has no momentum; the Langevin loop has Nesterov momentum 0.9, restarted at each update.
 */
class EntropySgdReferenceTest {

    private static final double[][] A = {{2, 0.5, 0}, {0.5, 1, 0}, {0, 0, 0.5}};

    private static QuadraticModel model() {
        return new QuadraticModel(A, QuadraticModel.centres(12, 3, 1.0, 5), new double[] {2, -1, 1}, new GradientMeter());
    }

    private static double[] gradientAt(QuadraticModel q, double[] p, Batch batch) {
        int[] idx = ((QuadraticModel.Indices) batch).examples();
        double[] g = new double[p.length];
        for (int j : idx) {
            double[] gj = q.exampleGradient(p, j);
            for (int i = 0; i < g.length; i++) {
                g[i] += gj[i] / idx.length;
            }
        }
        return g;
    }

    /** Runs {@code method} three outer updates beside the transcription and compares the iterates. */
    private static void compare(TrainingMethod method, double clr, int steps, double lclr, double gamma, double scoping,
            double beta1, double mom) {
        QuadraticModel q = model();
        QuadraticModel reference = model();
        int t = 0;
        for (int k = 0; k < 3; k++) {
            List<Batch> inner = new ArrayList<>();
            for (int l = 0; l < steps; l++) {
                int s = (3 * (k * steps + l)) % 12;
                inner.add(QuadraticModel.batch(s, s + 1, s + 2));
            }
            t = t + 1;
            double g = gamma * Math.pow(1 + scoping, t);
            double[] xc = reference.params().toDoubleArray();
            double[] lx = xc.clone();
            double[] lmx = xc.clone();
            double[] mdfdx = new double[xc.length];
            for (int l = 0; l < steps; l++) {
                double[] ldfdx = gradientAt(reference, lx, inner.get(l));
                for (int i = 0; i < xc.length; i++) {
                    mdfdx[i] = mom * mdfdx[i] + ldfdx[i];
                    ldfdx[i] = ldfdx[i] + mom * mdfdx[i];
                    ldfdx[i] += -g * (xc[i] - lx[i]);
                    lx[i] += -lclr * ldfdx[i];
                    lmx[i] = beta1 * lmx[i] + (1 - beta1) * lx[i];
                }
            }
            double[] x = xc.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] -= clr * (xc[i] - lmx[i]);
            }
            reference.setParams(ArrayVector.of(x));

            int[] next = {1};
            StepRecord r = method.step(q, inner.get(0), () -> inner.get(next[0]++), k);
            assertEquals(steps, r.cost().gradientCalls());
            double[] got = q.params().toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], got[i], 1e-12, "update " + k + ", coordinate " + i);
            }
        }
    }

    @Test
    void theLangevinLoopRunsNesterovMomentumAsTheReferenceCodeDoes() {
        TrainingMethod method = new EntropySgdConfig(SgdConfig.plain(), new ScheduledRate(new io.salr.optimizers.schedule
                .BaseSchedule.Constant(0.5)), 4, 0.1, 0.0, 0.03, 0.001, 0, 0.75, 0.9).create(1);
        compare(method, 0.5, 4, 0.1, 0.03, 0.001, 0.75, 0.9);
    }

    /** The configuration a study runs by default: Section VI's settings, the reference code's momenta. */
    @Test
    void theDefaultEntropySgdIsTheReferenceCodeAtSectionSixSettings() {
        MethodSpec spec = MethodSpec.resolve(Method.ENTROPY_SGD, Map.of("noise", 0.0));
        assertEquals(0.0, spec.values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain(), "no momentum in the outer step (entropyoptim.lua)");
        assertEquals(0.9, spec.values().get(io.salr.optimizers.spec.Param.LANGEVIN_MOMENTUM).plain());
        assertEquals(0.9, ((EntropySpec) MethodSpec.defaults(Method.ENTROPY_SGD_SALR)).entropy().langevinMomentum());
        assertEquals(0.0, MethodSpec.defaults(Method.ENTROPY_SGD_SALR).values().get(io.salr.optimizers.spec.Param.MOMENTUM).plain());
        // lr 1, L = 5, eta' = 0.1, gamma_0 = 0.03, scoping 1e-3, alpha 0.75; no decay within the three updates
        compare(spec.bind(1000, 3).create(1), 1.0, 5, 0.1, 0.03, 0.001, 0.75, 0.9);
    }

    @Test
    void withoutLangevinMomentumTheLoopIsAlgorithmOne() {
        TrainingMethod method = new EntropySgdConfig(SgdConfig.plain(), new ScheduledRate(new io.salr.optimizers.schedule
                .BaseSchedule.Constant(0.5)), 3, 0.1, 0.0, 0.03, 0.001, 0, 0.75).create(1);
        compare(method, 0.5, 3, 0.1, 0.03, 0.001, 0.75, 0.0);
    }
}
