package io.facenetstreams.core.eval;

/** Area under and equal error rate of a ROC curve, as facenet's {@code validate_on_lfw.py} computes them. */
final class RocCurve {

    private RocCurve() {}

    /**
     * {@code sklearn.metrics.auc(fpr, tpr)}: the trapezoid rule, {@code sum(dx * (y[i+1] + y[i]) / 2)} summed
     * pairwise; a non-increasing x gives the area with its sign flipped.
     *
     * @throws IllegalArgumentException if fewer than 2 points or x is neither non-decreasing nor non-increasing
     */
    static double auc(double[] fpr, double[] tpr) {
        int n = fpr.length;
        if (n < 2 || tpr.length != n) {
            throw new IllegalArgumentException("AUC needs at least 2 ROC points and as many TPR as FPR values");
        }
        boolean anyDecrease = false;
        boolean allNonIncreasing = true;
        double[] terms = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            double dx = fpr[i + 1] - fpr[i];
            anyDecrease |= dx < 0;
            allNonIncreasing &= dx <= 0;
            terms[i] = dx * (tpr[i + 1] + tpr[i]) / 2.0;
        }
        double direction = 1;
        if (anyDecrease) {
            if (!allNonIncreasing) {
                throw new IllegalArgumentException("ROC false positive rates are neither increasing nor decreasing");
            }
            direction = -1;
        }
        return direction * NumpySums.sum(terms);
    }

    /**
     * The equal error rate, {@code brentq(lambda x: 1 - x - interp1d(fpr, tpr)(x), 0, 1)}: the false positive
     * rate where it equals the false negative rate on the linearly interpolated curve. NaN where facenet's
     * code would raise, i.e. when the curve does not span FPR 0 to 1 (for example squared-L2 distances far
     * beyond the threshold grid's 4, from embeddings that are not L2-normalised) or has no crossing.
     */
    static double eer(double[] fpr, double[] tpr) {
        double[] xs = new double[fpr.length];
        double[] ys = new double[fpr.length];
        ScipyInterpolation.sortByX(fpr, tpr, xs, ys);
        return Brentq.root(x -> 1. - x - ScipyInterpolation.sortedLinear(xs, ys, x), 0., 1.);
    }
}
