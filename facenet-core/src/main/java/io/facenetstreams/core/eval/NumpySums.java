package io.facenetstreams.core.eval;

/**
 * Sums, means and standard deviations in numpy's order of floating-point additions, so that results equal
 * facenet's bit for bit. A 1-D {@code np.sum} (and a sum along the contiguous last axis) is numpy's pairwise
 * summation: fewer than 8 values are added in turn, up to 128 values go into 8 interleaved partial sums that
 * are combined as a tree, and longer runs are split in two halves (the first half a multiple of 8).
 * {@code np.mean} divides such a sum by the count; {@code np.std} is the population standard deviation.
 */
final class NumpySums {

    private static final int UNROLL = 8;
    private static final int BLOCK = 128;

    private NumpySums() {}

    static double sum(double[] values) {
        return pairwiseSum(values, 0, values.length);
    }

    static double pairwiseSum(double[] a, int from, int n) {
        if (n < UNROLL) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = UNROLL;
            int whole = n - n % UNROLL;
            for (; i < whole; i += UNROLL) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    /** {@code np.mean} of a 1-D array. */
    static double mean(double[] values) {
        return sum(values) / values.length;
    }

    /** {@code np.std} (ddof 0) of a 1-D array. */
    static double populationStd(double[] values) {
        double mean = mean(values);
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            squares[i] = d * d;
        }
        return Math.sqrt(sum(squares) / values.length);
    }

    /**
     * {@code np.mean(rows, axis=0)}: a reduction over the outer axis, which numpy performs row after row
     * (not pairwise), then divides by the number of rows.
     */
    static double[] columnMeans(double[][] rows) {
        double[] sums = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < sums.length; j++) {
                sums[j] += row[j];
            }
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] /= rows.length;
        }
        return sums;
    }
}
