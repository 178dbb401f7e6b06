package io.facenetstreams.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of an LFW-protocol evaluation (see {@link LfwEvaluator}).
 *
 * @param accuracyMean mean over folds of the test-fold accuracy at the threshold chosen on the other folds
 * @param accuracyStd population standard deviation of those accuracies
 * @param valMean mean over folds of the validation rate (true accepts / same pairs) at the threshold where
 *     the other folds' false accept rate is 1e-3
 * @param valStd population standard deviation of the validation rates
 * @param farMean mean over folds of the false accept rate (false accepts / different pairs) at that threshold
 * @param auc area under the mean ROC curve
 * @param eer equal error rate of the mean ROC curve; NaN when undefined (the curve does not span FPR 0..1)
 * @param threshold mean over folds of the accuracy-maximising distance threshold
 * @param pairs number of pairs evaluated
 * @param options the options used
 * @param foldAccuracies test accuracy of each fold
 * @param foldThresholds accuracy threshold chosen for each fold
 * @param foldValThresholds VAL threshold of each fold (0.0 where the training FAR never reaches 1e-3)
 * @param tpr mean over folds of the test true positive rate at each ROC threshold {@code i * 0.01}
 * @param fpr mean over folds of the test false positive rate at each ROC threshold {@code i * 0.01}
 */
public record LfwEvaluation(
        double accuracyMean,
        double accuracyStd,
        double valMean,
        double valStd,
        double farMean,
        double auc,
        double eer,
        double threshold,
        int pairs,
        EvaluationOptions options,
        double[] foldAccuracies,
        double[] foldThresholds,
        double[] foldValThresholds,
        double[] tpr,
        double[] fpr) {

    public LfwEvaluation {
        Objects.requireNonNull(options, "options");
        foldAccuracies = foldAccuracies.clone();
        foldThresholds = foldThresholds.clone();
        foldValThresholds = foldValThresholds.clone();
        tpr = tpr.clone();
        fpr = fpr.clone();
    }

    /** Whether the equal error rate is defined. */
    public boolean hasEer() {
        return !Double.isNaN(eer);
    }

    /** The lines facenet's {@code validate_on_lfw.py} prints, plus the mean threshold. */
    public List<String> summaryLines() {
        return List.of(
                String.format(Locale.ROOT, "Accuracy: %2.5f+-%2.5f", accuracyMean, accuracyStd),
                String.format(Locale.ROOT, "Validation rate: %2.5f+-%2.5f @ FAR=%2.5f", valMean, valStd, farMean),
                String.format(Locale.ROOT, "Area Under Curve (AUC): %1.3f", auc),
                hasEer()
                        ? String.format(Locale.ROOT, "Equal Error Rate (EER): %1.3f", eer)
                        : "Equal Error Rate (EER): n/a (the mean ROC does not span FPR 0..1; are the embeddings L2-normalised?)",
                String.format(Locale.ROOT, "Threshold (mean of the folds' best): %2.5f", threshold));
    }

    @Override
    public double[] foldAccuracies() {
        return foldAccuracies.clone();
    }

    @Override
    public double[] foldThresholds() {
        return foldThresholds.clone();
    }

    @Override
    public double[] foldValThresholds() {
        return foldValThresholds.clone();
    }

    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LfwEvaluation e
                && Double.compare(accuracyMean, e.accuracyMean) == 0
                && Double.compare(accuracyStd, e.accuracyStd) == 0
                && Double.compare(valMean, e.valMean) == 0
                && Double.compare(valStd, e.valStd) == 0
                && Double.compare(farMean, e.farMean) == 0
                && Double.compare(auc, e.auc) == 0
                && Double.compare(eer, e.eer) == 0
                && Double.compare(threshold, e.threshold) == 0
                && pairs == e.pairs
                && options.equals(e.options)
                && Arrays.equals(foldAccuracies, e.foldAccuracies)
                && Arrays.equals(foldThresholds, e.foldThresholds)
                && Arrays.equals(foldValThresholds, e.foldValThresholds)
                && Arrays.equals(tpr, e.tpr)
                && Arrays.equals(fpr, e.fpr);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(accuracyMean, accuracyStd, valMean, valStd, farMean, auc, eer, threshold, pairs, options);
        h = 31 * h + Arrays.hashCode(foldAccuracies);
        h = 31 * h + Arrays.hashCode(foldThresholds);
        h = 31 * h + Arrays.hashCode(foldValThresholds);
        h = 31 * h + Arrays.hashCode(tpr);
        return 31 * h + Arrays.hashCode(fpr);
    }

    @Override
    public String toString() {
        return "LfwEvaluation[accuracy=" + accuracyMean + "+-" + accuracyStd + ", val=" + valMean + "+-" + valStd
                + " @ far=" + farMean + ", auc=" + auc + ", eer=" + eer + ", threshold=" + threshold + ", pairs=" + pairs
                + ", " + options + "]";
    }
}
