package io.facenetstreams.core.mining;

/**
 * A selector's validated view of a people-batch: {@code rows x dim} embeddings, row-major, each class a
 * contiguous block of rows in batch order (as the reference's {@code emb_array}), with the blocks' starts and
 * sizes, each row's class, and the exact distances the selectors decide on.
 */
final class ClassBlocks {

    private final double[] embeddings;
    private final int dim;
    private final int rows;
    private final int[] classStart;
    private final int[] classSize;
    private final int[] classOfRow;
    private final int nonEmptyClasses;
    private final int largestClass;

    private ClassBlocks(double[] embeddings, int dim, int[] imagesPerClass) {
        this.embeddings = embeddings;
        this.dim = dim;
        int classes = imagesPerClass.length;
        this.classStart = new int[classes];
        this.classSize = imagesPerClass.clone();
        long total = 0;
        int nonEmpty = 0;
        int largest = 0;
        for (int c = 0; c < classes; c++) {
            int n = imagesPerClass[c];
            if (n < 0) {
                throw new IllegalArgumentException("imagesPerClass[" + c + "] is " + n + ": counts must be >= 0");
            }
            classStart[c] = (int) Math.min(total, Integer.MAX_VALUE);
            total += n;
            nonEmpty += n > 0 ? 1 : 0;
            largest = Math.max(largest, n);
        }
        if (total * (long) dim != embeddings.length) {
            throw new IllegalArgumentException("embeddings hold " + embeddings.length + " values, but imagesPerClass sums to "
                    + total + " rows of dim " + dim + " (" + total * (long) dim + " values)");
        }
        this.rows = (int) total;
        this.nonEmptyClasses = nonEmpty;
        this.largestClass = largest;
        this.classOfRow = new int[rows];
        for (int c = 0; c < classes; c++) {
            for (int r = classStart[c]; r < classStart[c] + classSize[c]; r++) {
                classOfRow[r] = c;
            }
        }
        for (int i = 0; i < embeddings.length; i++) {
            double v = embeddings[i];
            if (!Double.isFinite(v)) {
                int row = i / dim;
                throw new IllegalArgumentException("embeddings row " + row + " (class " + classOfRow[row] + "), component "
                        + (i % dim) + " (0-based) is " + v + ": embeddings must be finite");
            }
        }
    }

    /** Validates the batch: dimensions, counts, and that every value is finite (naming the first bad one). */
    static ClassBlocks of(double[] embeddings, int dim, int[] imagesPerClass) {
        if (embeddings == null || imagesPerClass == null) {
            throw new IllegalArgumentException("embeddings and imagesPerClass must not be null");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        return new ClassBlocks(embeddings, dim, imagesPerClass);
    }

    double[] embeddings() {
        return embeddings;
    }

    int dim() {
        return dim;
    }

    int rows() {
        return rows;
    }

    int classes() {
        return classSize.length;
    }

    int classStart(int c) {
        return classStart[c];
    }

    int classSize(int c) {
        return classSize[c];
    }

    int classOf(int row) {
        return classOfRow[row];
    }

    /** First row after the class of {@code row}. */
    int classEnd(int row) {
        int c = classOfRow[row];
        return classStart[c] + classSize[c];
    }

    int nonEmptyClasses() {
        return nonEmptyClasses;
    }

    int largestClass() {
        return largestClass;
    }

    /**
     * {@link #exactDistance}{@code (a, x)} for every row {@code x} in {@code [from, to)}, into {@code out[x - from]}.
     * Four rows at a time: each sum still runs sequentially over k (bit-identical), but four independent sums hide
     * the latency of the additions.
     */
    void exactDistances(int a, int from, int to, double[] out) {
        double[] e = embeddings;
        int ia = a * dim;
        int x = from;
        for (; x + 3 < to; x += 4) {
            int i0 = x * dim;
            int i1 = i0 + dim;
            int i2 = i1 + dim;
            int i3 = i2 + dim;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int k = 0; k < dim; k++) {
                double c = e[ia + k];
                double d0 = c - e[i0 + k];
                double d1 = c - e[i1 + k];
                double d2 = c - e[i2 + k];
                double d3 = c - e[i3 + k];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            out[x - from] = s0;
            out[x - from + 1] = s1;
            out[x - from + 2] = s2;
            out[x - from + 3] = s3;
        }
        for (; x < to; x++) {
            out[x - from] = exactDistance(a, x);
        }
    }

    /**
     * The squared L2 distance exactly as the reference's port computes it: {@code sum_k (a_k - x_k)^2} in double,
     * sequentially from {@code k = 0}. Every candidate decision rests on this value.
     */
    double exactDistance(int a, int x) {
        double[] e = embeddings;
        int ia = a * dim;
        int ix = x * dim;
        double s = 0.0;
        for (int k = 0; k < dim; k++) {
            double d = e[ia + k] - e[ix + k];
            s += d * d;
        }
        return s;
    }
}
