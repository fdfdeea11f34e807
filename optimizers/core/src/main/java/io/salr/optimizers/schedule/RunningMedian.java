package io.salr.optimizers.schedule;

import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.Collections;
import java.util.PriorityQueue;

/**
 * The exact median of every value added so far, as needed by Algorithm 1 ({@code Median(S_i)}),
 * kept with two heaps: a max-heap of the lower half and a min-heap of the upper half, so
 * {@link #add(double)} costs O(log k) and {@link #median()} O(1).
 *
 * <p>For an even count the median is the mean of the two middle values (the usual statistical
 * definition), computed as {@code lo / 2 + hi / 2} so it cannot overflow. The values are also kept in
 * insertion order for {@link #values()}, so a checkpoint can store them and {@link #of(double...)}
 * can rebuild the same median.
 */
public final class RunningMedian {

    private final PriorityQueue<Double> lower = new PriorityQueue<>(Collections.reverseOrder());
    private final PriorityQueue<Double> upper = new PriorityQueue<>();
    private double[] inOrder = new double[16];
    private int size;

    /** An empty running median. */
    public RunningMedian() {
    }

    /** A running median holding the given values, added in order (the inverse of {@link #values()}). */
    public static RunningMedian of(double... values) {
        RunningMedian median = new RunningMedian();
        for (double value : values) {
            median.add(value);
        }
        return median;
    }

    /**
     * Adds a value.
     *
     * @throws InvalidParameterException if the value is NaN or infinite
     */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException("value", value,
                    "must be a finite number to enter the running median (entry " + size + ")");
        }
        if (lower.isEmpty() || value <= lower.peek()) {
            lower.add(value);
        } else {
            upper.add(value);
        }
        if (lower.size() > upper.size() + 1) {
            upper.add(lower.poll());
        } else if (upper.size() > lower.size()) {
            lower.add(upper.poll());
        }
        if (size == inOrder.length) {
            inOrder = Arrays.copyOf(inOrder, 2 * size);
        }
        inOrder[size++] = value;
    }

    /**
     * The median of the values added so far; the mean of the two middle values for an even count.
     *
     * @throws IllegalStateException if no value has been added
     */
    public double median() {
        if (size == 0) {
            throw new IllegalStateException("median of an empty history is undefined");
        }
        if (lower.size() > upper.size()) {
            return lower.peek();
        }
        return lower.peek() / 2.0 + upper.peek() / 2.0;
    }

    /** The number of values added. */
    public int size() {
        return size;
    }

    /** A copy of the values in the order they were added. */
    public double[] values() {
        return Arrays.copyOf(inOrder, size);
    }
}
