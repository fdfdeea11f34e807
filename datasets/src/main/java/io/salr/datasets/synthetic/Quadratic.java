package io.salr.datasets.synthetic;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import io.salr.optimizers.engine.FlatVector;

/**
 * f(x) = 1/2 (x - x*)^T A (x - x*) with {@code A = Q diag(lambda) Q^T}: a quadratic with a chosen
 * Hessian spectrum, the local model behind Theorems 1 and 2 (Section IV). With all eigenvalues
 * positive it is mu-strongly convex with {@code mu = min lambda} and has an L-Lipschitz gradient with
 * {@code L = max lambda}. Q is the identity ({@link #diagonal}) or a random orthogonal matrix drawn
 * from a seed (the Q factor of the QR decomposition of a standard Gaussian matrix, with column signs
 * fixed by R's diagonal so that Q is Haar-distributed).
 */
public final class Quadratic implements DifferentiableFunction {

    /** The generator {@link #rotated(double[], long)} draws its Gaussian matrix from. */
    public static final RandomSource ROTATION_SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

    private final double[] eigenvalues;
    private final RealMatrix eigenvectors;
    private final RealMatrix matrix;
    private final RealVector minimizer;

    private Quadratic(double[] eigenvalues, RealMatrix eigenvectors, RealVector minimizer) {
        this.eigenvalues = eigenvalues;
        this.eigenvectors = eigenvectors;
        this.matrix = eigenvectors.multiply(MatrixUtils.createRealDiagonalMatrix(eigenvalues))
                .multiply(eigenvectors.transpose());
        this.minimizer = minimizer;
    }

    /** A = diag(eigenvalues), minimizer 0. */
    public static Quadratic diagonal(double... eigenvalues) {
        double[] lambda = spectrum(eigenvalues);
        return new Quadratic(lambda, MatrixUtils.createRealIdentityMatrix(lambda.length),
                new ArrayRealVector(lambda.length));
    }

    /** A = Q diag(eigenvalues) Q^T with Q random orthogonal from {@code seed}, minimizer 0. */
    public static Quadratic rotated(double[] eigenvalues, long seed) {
        double[] lambda = spectrum(eigenvalues);
        int n = lambda.length;
        UniformRandomProvider rng = ROTATION_SOURCE.create(seed);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = gaussian.sample();
            }
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(g, false));
        RealMatrix q = qr.getQ().copy();
        RealMatrix r = qr.getR();
        for (int j = 0; j < n; j++) {
            if (r.getEntry(j, j) < 0) {
                q.setColumnVector(j, q.getColumnVector(j).mapMultiply(-1.0));
            }
        }
        return new Quadratic(lambda, q, new ArrayRealVector(n));
    }

    /** The same matrix with its minimizer moved to {@code xStar}. */
    public Quadratic withMinimizer(double... xStar) {
        Checks.present("xStar", xStar);
        if (xStar.length != dimension()) {
            throw new InvalidParameterException("xStar.length", xStar.length, "must be " + dimension());
        }
        for (int i = 0; i < xStar.length; i++) {
            Checks.finite("xStar[" + i + "]", xStar[i]);
        }
        return new Quadratic(eigenvalues, eigenvectors, new ArrayRealVector(xStar));
    }

    private static double[] spectrum(double[] eigenvalues) {
        Checks.present("eigenvalues", eigenvalues);
        if (eigenvalues.length == 0) {
            throw new InvalidParameterException("eigenvalues.length", 0, "must be >= 1");
        }
        for (int i = 0; i < eigenvalues.length; i++) {
            Checks.finite("eigenvalues[" + i + "]", eigenvalues[i]);
        }
        return eigenvalues.clone();
    }

    @Override
    public int dimension() {
        return eigenvalues.length;
    }

    @Override
    public double value(FlatVector theta) {
        RealVector d = new ArrayRealVector(Points.read(theta, dimension()), false).subtract(minimizer);
        return 0.5 * d.dotProduct(matrix.operate(d));
    }

    @Override
    public FlatVector gradient(FlatVector theta) {
        RealVector d = new ArrayRealVector(Points.read(theta, dimension()), false).subtract(minimizer);
        return Points.vector(matrix.operate(d).toArray());
    }

    /** The Hessian spectrum, in the order given. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** The unit eigenvector of {@code eigenvalues()[i]} (column i of Q). */
    public double[] eigenvector(int i) {
        return eigenvectors.getColumn(i);
    }

    /** The Hessian A as a new row-major array. */
    public double[][] matrix() {
        return matrix.getData();
    }

    /** The minimizer x*. */
    public double[] minimizer() {
        return minimizer.toArray();
    }

    /** mu = the smallest eigenvalue (the strong-convexity constant when positive). */
    public double mu() {
        double min = Double.POSITIVE_INFINITY;
        for (double lambda : eigenvalues) {
            min = Math.min(min, lambda);
        }
        return min;
    }

    /** L = the largest eigenvalue magnitude (the gradient's Lipschitz constant), named as in the paper. */
    public double L() {
        double max = 0;
        for (double lambda : eigenvalues) {
            max = Math.max(max, Math.abs(lambda));
        }
        return max;
    }

    @Override
    public String toString() {
        return "quadratic-" + dimension();
    }
}
