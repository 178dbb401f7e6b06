package io.facenetstreams.core.eval;

import java.util.Objects;

/**
 * Options of an LFW evaluation, as facenet's {@code lfw.evaluate} takes them.
 *
 * @param folds number of contiguous cross-validation folds (facenet's {@code nrof_folds}); at least 2
 * @param metric how pair distances are measured
 * @param subtractMean subtract, in each fold, the mean of the training folds' embeddings (both sides)
 *     before measuring distances
 */
public record EvaluationOptions(int folds, DistanceMetric metric, boolean subtractMean) {

    public static final int DEFAULT_FOLDS = 10;

    public EvaluationOptions {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2 (one to test, the others to choose thresholds), got "
                    + folds);
        }
        Objects.requireNonNull(metric, "metric");
    }

    /** facenet's defaults: 10 folds, squared Euclidean distance, no mean subtraction. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(DEFAULT_FOLDS, DistanceMetric.SQUARED_EUCLIDEAN, false);
    }

    public EvaluationOptions withFolds(int newFolds) {
        return new EvaluationOptions(newFolds, metric, subtractMean);
    }

    public EvaluationOptions withMetric(DistanceMetric newMetric) {
        return new EvaluationOptions(folds, newMetric, subtractMean);
    }

    public EvaluationOptions withSubtractMean(boolean newSubtractMean) {
        return new EvaluationOptions(folds, metric, newSubtractMean);
    }
}
