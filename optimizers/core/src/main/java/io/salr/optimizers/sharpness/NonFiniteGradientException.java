package io.salr.optimizers.sharpness;

/**
 * A gradient with a NaN or infinite norm met while walking a probe chain of Definition 1. The message
 * gives the gradient norm and the norm of the point it was evaluated at. Callers that treat a blow-up
 * as a recorded outcome (a diverged run) catch this type.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final double gradientNorm;
    private final double pointNorm;

    public NonFiniteGradientException(double gradientNorm, double pointNorm) {
        super("gradient norm is " + gradientNorm + " (not finite) at a point with norm " + pointNorm);
        this.gradientNorm = gradientNorm;
        this.pointNorm = pointNorm;
    }

    /** The offending gradient norm (NaN or infinite). */
    public double gradientNorm() {
        return gradientNorm;
    }

    /** The Euclidean norm of the point the gradient was evaluated at. */
    public double pointNorm() {
        return pointNorm;
    }
}
