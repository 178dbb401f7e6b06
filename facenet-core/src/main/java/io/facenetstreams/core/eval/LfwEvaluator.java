package io.facenetstreams.core.eval;

/**
 * LFW-protocol verification metrics of embedding pairs, reproducing facenet's {@code lfw.evaluate}
 * ({@code facenet.calculate_roc} and {@code facenet.calculate_val}) and the AUC/EER lines of
 * {@code validate_on_lfw.py} on the same embeddings, with numpy's floating-point operation order.
 *
 * <p>The pairs are cut into contiguous folds (scikit-learn {@code KFold} sizes). For each fold, the other
 * folds are the training set: with subtract-mean, the mean of their embeddings (both sides) is subtracted
 * from all embeddings; a pair is predicted "same" iff its distance is strictly below a threshold.
 * <ul>
 *   <li>Accuracy: over thresholds {@code i * 0.01} in [0, 4), the first one maximising training accuracy
 *       is applied to the test fold; test TPR/FPR at every threshold give the mean ROC curve.</li>
 *   <li>VAL@FAR: over thresholds {@code i * 0.001} in [0, 4), the training false accept rate is
 *       interpolated to {@value #FAR_TARGET} (see {@link ScipyInterpolation#slinear}); if it never reaches
 *       it, the threshold is 0. The test fold gives VAL = true accepts / same pairs and FAR = false accepts
 *       / different pairs.</li>
 * </ul>
 *
 * <p>Deviations, all where facenet would fail or return garbage: inputs are checked (shapes, finite values,
 * both labels present); every test fold must hold both same and different pairs (facenet divides by zero);
 * the cosine of metric 1 is clipped to [-1, 1] (facenet's NaN turns a pair of identical embeddings into a
 * "different" prediction) and zero-norm embeddings are rejected; the EER is NaN where scipy would raise.
 *
 * <p>Stateless and thread-safe.
 */
public final class LfwEvaluator {

    /** The false accept rate at which the validation rate is reported. */
    public static final double FAR_TARGET = 1e-3;

    private static final double THRESHOLD_STOP = 4.0;
    private static final double ACCURACY_STEP = 0.01;
    private static final double VAL_STEP = 0.001;

    public LfwEvaluation evaluate(PairEmbeddings pairs, EvaluationOptions options) {
        return evaluate(pairs.embeddings1(), pairs.embeddings2(), pairs.issame(), options);
    }

    /**
     * @param embeddings1 first embedding of each pair
     * @param embeddings2 second embedding of each pair, same dimension
     * @param issame whether each pair shows the same identity
     * @throws IllegalArgumentException on mismatched lengths or dimensions, a NaN or infinite value, more folds
     *     than pairs, no same or no different pairs, or a test fold without both kinds
     */
    public LfwEvaluation evaluate(double[][] embeddings1, double[][] embeddings2, boolean[] issame,
            EvaluationOptions options) {
        validate(embeddings1, embeddings2, issame);
        int n = issame.length;
        Folds folds = Folds.kFold(n, options.folds());
        requireBothKindsPerFold(issame, folds);
        int k = folds.count();

        double[] rocThresholds = Thresholds.arange(THRESHOLD_STOP, ACCURACY_STEP);
        double[] valThresholds = Thresholds.arange(THRESHOLD_STOP, VAL_STEP);
        double[] sharedDistances = options.subtractMean()
                ? null
                : PairDistances.compute(embeddings1, embeddings2, options.metric(), null);

        double[][] tprs = new double[k][];
        double[][] fprs = new double[k][];
        double[] accuracy = new double[k];
        double[] bestThresholds = new double[k];
        double[] val = new double[k];
        double[] far = new double[k];
        double[] farThresholds = new double[k];
        for (int f = 0; f < k; f++) {
            double[] dist = options.subtractMean()
                    ? PairDistances.compute(embeddings1, embeddings2, options.metric(),
                            trainingMean(embeddings1, embeddings2, folds, f))
                    : sharedDistances;
            LabelledDistances train = LabelledDistances.of(dist, issame, folds.start(f), folds.end(f), false);
            LabelledDistances test = LabelledDistances.of(dist, issame, folds.start(f), folds.end(f), true);

            int best = bestAccuracyIndex(train, rocThresholds);
            bestThresholds[f] = rocThresholds[best];
            accuracy[f] = accuracy(test, rocThresholds[best]);
            tprs[f] = new double[rocThresholds.length];
            fprs[f] = new double[rocThresholds.length];
            for (int i = 0; i < rocThresholds.length; i++) {
                tprs[f][i] = truePositiveRate(test, rocThresholds[i]);
                fprs[f][i] = falsePositiveRate(test, rocThresholds[i]);
            }

            farThresholds[f] = thresholdAtFar(train, valThresholds);
            val[f] = (double) test.sameBelow(farThresholds[f]) / test.sameCount();
            far[f] = (double) test.differentBelow(farThresholds[f]) / test.differentCount();
        }

        double[] tpr = NumpySums.columnMeans(tprs);
        double[] fpr = NumpySums.columnMeans(fprs);
        return new LfwEvaluation(
                NumpySums.mean(accuracy),
                NumpySums.populationStd(accuracy),
                NumpySums.mean(val),
                NumpySums.populationStd(val),
                NumpySums.mean(far),
                RocCurve.auc(fpr, tpr),
                RocCurve.eer(fpr, tpr),
                NumpySums.mean(bestThresholds),
                n,
                options,
                accuracy,
                bestThresholds,
                farThresholds,
                tpr,
                fpr);
    }

    /** numpy's argmax: the first threshold with the highest training accuracy. */
    private static int bestAccuracyIndex(LabelledDistances train, double[] thresholds) {
        int best = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < thresholds.length; i++) {
            double acc = accuracy(train, thresholds[i]);
            if (acc > bestAccuracy) {
                bestAccuracy = acc;
                best = i;
            }
        }
        return best;
    }

    /** facenet's {@code calculate_accuracy}: {@code (tp + tn) / n}. */
    private static double accuracy(LabelledDistances pairs, double threshold) {
        int tp = pairs.sameBelow(threshold);
        int tn = pairs.differentCount() - pairs.differentBelow(threshold);
        return (double) (tp + tn) / pairs.size();
    }

    private static double truePositiveRate(LabelledDistances pairs, double threshold) {
        return pairs.sameCount() == 0 ? 0 : (double) pairs.sameBelow(threshold) / pairs.sameCount();
    }

    private static double falsePositiveRate(LabelledDistances pairs, double threshold) {
        return pairs.differentCount() == 0 ? 0 : (double) pairs.differentBelow(threshold) / pairs.differentCount();
    }

    /** The threshold at which the training false accept rate is {@link #FAR_TARGET}, or 0 if never reached. */
    private static double thresholdAtFar(LabelledDistances train, double[] thresholds) {
        double[] farTrain = new double[thresholds.length];
        double maxFar = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < thresholds.length; i++) {
            farTrain[i] = (double) train.differentBelow(thresholds[i]) / train.differentCount();
            maxFar = Math.max(maxFar, farTrain[i]);
        }
        return maxFar >= FAR_TARGET ? ScipyInterpolation.slinear(farTrain, thresholds, FAR_TARGET) : 0.0;
    }

    /**
     * {@code np.mean(np.concatenate([embeddings1[train], embeddings2[train]]), axis=0)}: the training pairs'
     * first embeddings, then their second ones, summed row by row, divided by the row count.
     */
    private static double[] trainingMean(double[][] embeddings1, double[][] embeddings2, Folds folds, int f) {
        int dim = embeddings1[0].length;
        double[] sum = new double[dim];
        int rows = 0;
        for (double[][] side : new double[][][] {embeddings1, embeddings2}) {
            for (int i = 0; i < side.length; i++) {
                if (i >= folds.start(f) && i < folds.end(f)) {
                    continue;
                }
                double[] row = side[i];
                for (int j = 0; j < dim; j++) {
                    sum[j] += row[j];
                }
                rows++;
            }
        }
        for (int j = 0; j < dim; j++) {
            sum[j] /= rows;
        }
        return sum;
    }

    private static void validate(double[][] embeddings1, double[][] embeddings2, boolean[] issame) {
        if (embeddings1 == null || embeddings2 == null || issame == null) {
            throw new IllegalArgumentException("embeddings1, embeddings2 and issame must all be given");
        }
        if (embeddings1.length != issame.length || embeddings2.length != issame.length) {
            throw new IllegalArgumentException("one entry per pair is needed in each input, but embeddings1 has "
                    + embeddings1.length + " rows, embeddings2 " + embeddings2.length + " and issame "
                    + issame.length);
        }
        if (issame.length == 0) {
            throw new IllegalArgumentException("no pairs to evaluate");
        }
        int dim = embeddings1[0] == null ? 0 : embeddings1[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("pair 0: embeddings1 is empty; embeddings need at least one dimension");
        }
        int same = 0;
        for (int i = 0; i < issame.length; i++) {
            checkRow(embeddings1[i], "embeddings1", i, dim);
            checkRow(embeddings2[i], "embeddings2", i, dim);
            same += issame[i] ? 1 : 0;
        }
        if (same == 0 || same == issame.length) {
            throw new IllegalArgumentException("all " + issame.length + " pairs are " + (same == 0 ? "different" : "same")
                    + ": the evaluation needs both same and different pairs");
        }
    }

    private static void checkRow(double[] row, String side, int pair, int dim) {
        if (row == null || row.length != dim) {
            throw new IllegalArgumentException("pair " + pair + ": " + side + " has dimension "
                    + (row == null ? "none" : row.length) + ", but pair 0's embeddings1 has " + dim);
        }
        for (int j = 0; j < dim; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("pair " + pair + ": " + side + "[" + j + "] is " + row[j]
                        + "; embeddings must be finite");
            }
        }
    }

    private static void requireBothKindsPerFold(boolean[] issame, Folds folds) {
        for (int f = 0; f < folds.count(); f++) {
            int same = 0;
            for (int i = folds.start(f); i < folds.end(f); i++) {
                same += issame[i] ? 1 : 0;
            }
            if (same == 0 || same == folds.size(f)) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + folds.count() + " (pairs "
                        + folds.start(f) + ".." + (folds.end(f) - 1) + ") has no " + (same == 0 ? "same" : "different")
                        + " pairs, so its VAL or FAR is undefined (facenet divides by zero): order the pairs so that"
                        + " every fold holds both kinds, as pairs.txt does, or use fewer folds");
            }
        }
    }
}
