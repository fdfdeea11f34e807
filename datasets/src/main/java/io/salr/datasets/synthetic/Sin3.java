package io.salr.datasets.synthetic;

/**
 * f(t) = 0.5 t sin(3t) + 1, the function of Fig. 2 (Section III) on which the paper compares phi,
 * S and S-hat; f'(t) = 0.5 sin(3t) + 1.5 t cos(3t).
 */
public final class Sin3 implements OneDimensional {

    @Override
    public double valueAt(double t) {
        return 0.5 * t * Math.sin(3 * t) + 1.0;
    }

    @Override
    public double derivativeAt(double t) {
        return 0.5 * Math.sin(3 * t) + 1.5 * t * Math.cos(3 * t);
    }

    @Override
    public String toString() {
        return "sin3";
    }
}
