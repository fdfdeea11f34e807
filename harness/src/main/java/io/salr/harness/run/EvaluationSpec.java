package io.salr.harness.run;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measurements at the end of a run (Table II): the final sharpness S_hat of the solution, without
 * median normalization, on a fixed evaluation subset of the training data, with the sharpness
 * parameters given here; and the top Hessian eigenvalue by power iteration on Hessian-vector products.
 *
 * @param sharpnessExamples size of the fixed evaluation subset (its first examples), 0 = skip
 * @param gamma step size of the final sharpness probe
 * @param n1 descent steps of the final probe
 * @param n2 ascent steps of the final probe
 * @param hessianIterations power iterations for the top eigenvalue, 0 = skip
 * @param epochTrainExamples the training examples (its first ones) that the end-of-epoch training loss and accuracy
 *     of {@code epochs.csv} are measured on; 0 = the whole training set. The final training metrics of
 *     {@code result.json} always use the whole set. A subset makes a long run's curve cheaper: on Fashion-MNIST
 *     a whole-set pass is 60,000 forward examples per epoch beside the epoch's 60,000 trained ones.
 */
public record EvaluationSpec(int sharpnessExamples, double gamma, int n1, int n2, int hessianIterations,
        int epochTrainExamples) {

    /**
     * The defaults: 1000 examples, gamma 0.01, n1 = n2 = 5 (the paper's CIFAR setting), at most 100 power
     * iterations (the iteration stops earlier once the eigenvalue estimate settles).
     */
    public static final EvaluationSpec DEFAULTS = new EvaluationSpec(RunDefaults.EVAL_EXAMPLES, RunDefaults.EVAL_GAMMA,
            RunDefaults.EVAL_N1, RunDefaults.EVAL_N2, RunDefaults.HESSIAN_ITERATIONS);

    /** The end-of-epoch curve on the whole training set. */
    public EvaluationSpec(int sharpnessExamples, double gamma, int n1, int n2, int hessianIterations) {
        this(sharpnessExamples, gamma, n1, n2, hessianIterations, 0);
    }

    public EvaluationSpec {
        Checks.atLeast("evaluation.epoch_train_examples", epochTrainExamples, 0);
        Checks.atLeast("evalSharpnessExamples", sharpnessExamples, 0);
        Checks.positive("evalGamma", gamma);
        Checks.atLeast("evalN1", n1, 0);
        Checks.atLeast("evalN2", n2, 0);
        Checks.atLeast("hessianIterations", hessianIterations, 0);
        if (sharpnessExamples > 0 && n1 == 0 && n2 == 0) {
            // The probe would have no steps at all (SharpnessConfig refuses it too, but only at the end
            // of training): refuse it with the spec, before any run starts.
            throw new InvalidParameterException("evalN1/evalN2", n1 + "/" + n2,
                    "must not both be 0 while the final sharpness is measured (evalSharpnessExamples "
                            + sharpnessExamples + "; set it to 0 to skip the measure)");
        }
    }

    /** How many of a training set's {@code trainExamples} examples the end-of-epoch curve is measured on. */
    public long curveExamples(long trainExamples) {
        return epochTrainExamples > 0 ? Math.min(epochTrainExamples, trainExamples) : trainExamples;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sharpness_examples", sharpnessExamples);
        m.put("gamma", gamma);
        m.put("n1", n1);
        m.put("n2", n2);
        m.put("hessian_iterations", hessianIterations);
        if (epochTrainExamples > 0) {
            // written only when set, so every spec without it keeps its bytes and its id
            m.put("epoch_train_examples", epochTrainExamples);
        }
        return m;
    }
}
