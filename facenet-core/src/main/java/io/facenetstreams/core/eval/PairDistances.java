package io.facenetstreams.core.eval;

/**
 * Pair distances exactly as facenet's {@code distance()} computes them in numpy: element-wise operations,
 * then a pairwise sum along each row. When a mean is given it is first subtracted from both embeddings
 * ({@code embeddings1 - mean}, {@code embeddings2 - mean}), as facenet does, even though it cancels in
 * exact arithmetic for metric 0.
 */
final class PairDistances {

    private PairDistances() {}

    /**
     * @param mean the vector to subtract from every embedding, or {@code null} for none
     * @throws IllegalArgumentException for metric 1 when an embedding (after subtracting the mean) has norm 0,
     *     where the cosine is undefined
     */
    static double[] compute(double[][] embeddings1, double[][] embeddings2, DistanceMetric metric, double[] mean) {
        int pairs = embeddings1.length;
        int dim = embeddings1[0].length;
        double[] a = new double[dim];
        double[] b = new double[dim];
        double[] terms = new double[dim];
        double[] dist = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            centred(embeddings1[i], mean, a);
            centred(embeddings2[i], mean, b);
            dist[i] = switch (metric) {
                case SQUARED_EUCLIDEAN -> squaredEuclidean(a, b, terms);
                case ANGULAR -> angular(a, b, terms, i, mean != null);
            };
        }
        return dist;
    }

    private static void centred(double[] embedding, double[] mean, double[] out) {
        if (mean == null) {
            System.arraycopy(embedding, 0, out, 0, out.length);
        } else {
            for (int j = 0; j < out.length; j++) {
                out[j] = embedding[j] - mean[j];
            }
        }
    }

    /** {@code np.sum(np.square(np.subtract(a, b)), 1)}. */
    private static double squaredEuclidean(double[] a, double[] b, double[] terms) {
        for (int j = 0; j < terms.length; j++) {
            double d = a[j] - b[j];
            terms[j] = d * d;
        }
        return NumpySums.pairwiseSum(terms, 0, terms.length);
    }

    /**
     * {@code arccos(dot / (norm(a) * norm(b))) / pi} with facenet's formula, except that the cosine is
     * clipped to [-1, 1]: rounding can push it just past 1 for (nearly) identical embeddings, where facenet's
     * unclipped {@code np.arccos} returns NaN and so counts the pair as "different" at every threshold.
     */
    private static double angular(double[] a, double[] b, double[] terms, int pair, boolean centred) {
        for (int j = 0; j < terms.length; j++) {
            terms[j] = a[j] * b[j];
        }
        double dot = NumpySums.pairwiseSum(terms, 0, terms.length);
        double norm1 = norm(a, terms);
        double norm2 = norm(b, terms);
        if (norm1 == 0.0 || norm2 == 0.0) {
            throw new IllegalArgumentException("pair " + pair + ": embedding" + (norm1 == 0.0 ? "1" : "2")
                    + (centred ? " minus the training folds' mean" : "")
                    + " is the zero vector, so its cosine distance (metric 1) is undefined");
        }
        double similarity = dot / (norm1 * norm2);
        double clipped = Math.max(-1.0, Math.min(1.0, similarity));
        // StrictMath: the same bits on every JVM (numpy's own arccos differs by an ulp between CPUs).
        return StrictMath.acos(clipped) / Math.PI;
    }

    /** {@code np.linalg.norm(x, axis=1)}: the square root of the pairwise sum of squares. */
    private static double norm(double[] x, double[] terms) {
        for (int j = 0; j < terms.length; j++) {
            terms[j] = x[j] * x[j];
        }
        return Math.sqrt(NumpySums.pairwiseSum(terms, 0, terms.length));
    }
}
