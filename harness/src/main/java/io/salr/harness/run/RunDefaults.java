package io.salr.harness.run;

/**
 * The defaults of a run that the command line, the sweep spec and the run records share: each value is
 * written once, here. The {@code *_TEXT} forms are compile-time constants for picocli's
 * {@code defaultValue} (annotations take constants only); they are derived from the numbers, never typed
 * twice.
 */
public final class RunDefaults {

    /** Examples per step, the paper's Fashion-MNIST and CIFAR setting. */
    public static final int BATCH_SIZE = 128;
    public static final String BATCH_SIZE_TEXT = "" + BATCH_SIZE;

    /** Hidden units of the MLP and the char-LSTM. */
    public static final int HIDDEN = 256;
    public static final String HIDDEN_TEXT = "" + HIDDEN;

    /** Dropout probability (none). */
    public static final double DROPOUT = 0.0;
    public static final String DROPOUT_TEXT = "" + DROPOUT;

    /** Width multiplier of the convolutional models. */
    public static final double WIDTH = 1.0;
    public static final String WIDTH_TEXT = "" + WIDTH;

    /** Training examples of the fixed subset on which the final sharpness and Hessian are measured. */
    public static final int EVAL_EXAMPLES = 1000;
    public static final String EVAL_EXAMPLES_TEXT = "" + EVAL_EXAMPLES;

    /** Cap of the Hessian power iteration (it stops earlier once its estimate settles). */
    public static final int HESSIAN_ITERATIONS = 100;
    public static final String HESSIAN_ITERATIONS_TEXT = "" + HESSIAN_ITERATIONS;

    /** Step size and step counts of the final sharpness probe (the paper's CIFAR setting). */
    public static final double EVAL_GAMMA = 0.01;
    public static final int EVAL_N1 = 5;
    public static final int EVAL_N2 = 5;

    private RunDefaults() {
    }
}
