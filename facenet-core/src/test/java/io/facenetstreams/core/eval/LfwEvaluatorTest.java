package io.facenetstreams.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Small crafted cases computed by hand. Most use 1-d embeddings {@code [0]} and {@code [x]}, so that the squared
 * distance is {@code x * x}, with x chosen so that the square is exact in binary (0.25 -> 0.0625, 0.5 -> 0.25,
 * 1.5 -> 2.25, ...). Thresholds are {@code i * 0.01}: 0.25 is exactly threshold 25, so a distance of 0.25 is
 * accepted only from threshold 26 on (the comparison is strict).
 */
class LfwEvaluatorTest {

    private final LfwEvaluator evaluator = new LfwEvaluator();

    /** Pairs {@code [0]} vs {@code [x]}. */
    private static PairEmbeddings line(boolean[] issame, double... x) {
        double[][] e1 = new double[x.length][];
        double[][] e2 = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            e1[i] = new double[] {0.0};
            e2[i] = new double[] {x[i]};
        }
        return new PairEmbeddings(e1, e2, issame);
    }

    private static EvaluationOptions twoFolds() {
        return EvaluationOptions.defaults().withFolds(2);
    }

    @Test
    void fourPairsTwoFoldsByHand() {
        // distances: pair0 same 0.0625 | pair1 diff 1.0 || pair2 same 0.25 | pair3 diff 2.25
        PairEmbeddings pairs = line(new boolean[] {true, false, true, false}, 0.25, 1.0, 0.5, 1.5);

        LfwEvaluation r = evaluator.evaluate(pairs, twoFolds());

        // Fold 0 trains on pairs 2,3: accuracy 1 for 0.25 < t <= 2.25, first such t is 0.26 (index 26; all
        // of 0.26..2.25 tie, argmax takes the first). Test pairs 0,1 at 0.26: both right -> 1.0.
        // Fold 1 trains on pairs 0,1: first t > 0.0625 is 0.07. Test: pair2 (0.25) rejected, pair3 right -> 0.5.
        assertThat(r.foldThresholds()).containsExactly(26 * 0.01, 7 * 0.01);
        assertThat(r.foldAccuracies()).containsExactly(1.0, 0.5);
        assertThat(r.accuracyMean()).isEqualTo(0.75);
        assertThat(r.accuracyStd()).isEqualTo(0.25);
        assertThat(r.threshold()).isCloseTo(0.165, within(1e-15));
        assertThat(r.pairs()).isEqualTo(4);

        // VAL, fold 0: training FAR (one different pair at 2.25) is 0 up to threshold 2250 * 0.001 = 2.25 and
        // 1 from 2.251 on; at FAR 1e-3 the interpolation gives 2.25 * 0.999 + 2.251 * 0.001 = 2.250001.
        // Test pairs: same 0.0625 accepted (VAL 1), different 1.0 accepted (FAR 1).
        // Fold 1: FAR jumps after 1.0 -> threshold 1.000001; same 0.25 accepted, different 2.25 rejected.
        assertThat(r.foldValThresholds()[0]).isCloseTo(2.250001, within(1e-12));
        assertThat(r.foldValThresholds()[1]).isCloseTo(1.000001, within(1e-12));
        assertThat(r.valMean()).isEqualTo(1.0);
        assertThat(r.valStd()).isEqualTo(0.0);
        assertThat(r.farMean()).isEqualTo(0.5);

        // ROC, test folds: fold 0 TPR 1 from t > 0.0625 (index 7), FPR 1 from t > 1.0 (index 101);
        // fold 1 TPR 1 from t > 0.25 (index 26), FPR 1 from t > 2.25 (index 226).
        double[] tpr = r.tpr();
        double[] fpr = r.fpr();
        assertThat(tpr).hasSize(400);
        assertThat(tpr[6]).isEqualTo(0.0);
        assertThat(tpr[7]).isEqualTo(0.5);
        assertThat(tpr[25]).isEqualTo(0.5);
        assertThat(tpr[26]).isEqualTo(1.0);
        assertThat(fpr[100]).isEqualTo(0.0);
        assertThat(fpr[101]).isEqualTo(0.5);
        assertThat(fpr[225]).isEqualTo(0.5);
        assertThat(fpr[226]).isEqualTo(1.0);
        // FPR rises only where TPR is already 1: the area is 1, and at FPR 0 the curve (last point with
        // FPR 0, index 100) already has TPR 1, so 1 - 0 - 1 = 0 and the EER is 0.
        assertThat(r.auc()).isEqualTo(1.0);
        assertThat(r.eer()).isEqualTo(0.0);
    }

    @Test
    void argmaxTakesTheFirstOfTwoEqualAccuracyPlateaus() {
        // fold 0 = pairs 0..2, fold 1 = pairs 3..5.
        // pairs 0..2: same 0.0625, diff 0.390625, same 0.765625; pairs 3..5: same 0.140625, diff 2.25, same 0.5625
        PairEmbeddings pairs = line(new boolean[] {true, false, true, true, false, true},
                0.25, 0.625, 0.875, 0.375, 1.5, 0.75);

        LfwEvaluation r = evaluator.evaluate(pairs, twoFolds());

        // Fold 1 trains on pairs 0..2: accuracy 2/3 on (0.0625, 0.390625] and again on (0.765625, 4): the first
        // plateau wins, threshold 0.07, and the test fold then gets 1/3 (it would get 1 at 0.77).
        // Fold 0 trains on pairs 3..5: accuracy 1 on (0.5625, 2.25] -> 0.57; test: tp, fp, fn -> 1/3.
        assertThat(r.foldThresholds()).containsExactly(57 * 0.01, 7 * 0.01);
        assertThat(r.foldAccuracies()).containsExactly(1.0 / 3, 1.0 / 3);
    }

    @Test
    void foldSizesFollowKFoldWhenPairsDoNotDivide() {
        // 5 pairs, 2 folds: KFold gives fold 0 pairs 0..2 and fold 1 pairs 3..4.
        // distances: same 0.0625, diff 2.25, same 1.5625 || same 0.25, diff 1.0
        PairEmbeddings pairs = line(new boolean[] {true, false, true, true, false}, 0.25, 1.5, 1.25, 0.5, 1.0);

        LfwEvaluation r = evaluator.evaluate(pairs, twoFolds());

        // Fold 0 trains on pairs 3,4 -> 0.26; test: tp, tn, fn = 2/3.
        // Fold 1 trains on pairs 0..2: accuracy 1 on (1.5625, 2.25] -> 1.57; test: tp, fp = 1/2.
        assertThat(r.foldThresholds()).containsExactly(26 * 0.01, 157 * 0.01);
        assertThat(r.foldAccuracies()).containsExactly(2.0 / 3, 0.5);
        assertThat(r.accuracyMean()).isCloseTo(7.0 / 12, within(1e-15));
        assertThat(r.accuracyStd()).isCloseTo(1.0 / 12, within(1e-15));
    }

    @Test
    void valThresholdIsZeroWhenTrainingFarNeverReachesTheTarget() {
        // The different pairs are at distance 9, beyond the last threshold 3.999: training FAR is 0 everywhere,
        // so facenet's threshold is 0.0 and nothing is accepted (VAL 0, FAR 0).
        PairEmbeddings pairs = line(new boolean[] {true, false, true, false}, 0.5, 3.0, 0.5, 3.0);

        LfwEvaluation r = evaluator.evaluate(pairs, twoFolds());

        assertThat(r.foldValThresholds()).containsExactly(0.0, 0.0);
        assertThat(r.valMean()).isEqualTo(0.0);
        assertThat(r.valStd()).isEqualTo(0.0);
        assertThat(r.farMean()).isEqualTo(0.0);
        // Accuracy is still perfect (both folds learn 0.26 from a same pair at 0.25) ...
        assertThat(r.foldThresholds()).containsExactly(26 * 0.01, 26 * 0.01);
        assertThat(r.accuracyMean()).isEqualTo(1.0);
        // ... but the mean ROC never leaves FPR 0: the area is 0 and the EER undefined (scipy would raise).
        assertThat(r.auc()).isEqualTo(0.0);
        assertThat(r.eer()).isNaN();
        assertThat(r.hasEer()).isFalse();
        assertThat(r.summaryLines()).anyMatch(l -> l.startsWith("Equal Error Rate (EER): n/a"));
    }

    @Test
    void subtractMeanUsesTheTrainingFoldsMeanOfBothSides() {
        // 2-d, metric 1, folds {0,1} and {2,3}; labels same, diff, same, diff.
        double[][] e1 = {{1, 2}, {2, 1}, {2, 1}, {2, 1}};
        double[][] e2 = {{1, 3}, {1, 0}, {0, 1}, {0, 1}};
        boolean[] issame = {true, false, true, false};
        EvaluationOptions options = twoFolds().withMetric(DistanceMetric.ANGULAR);

        // Without the mean: angles/pi are 0.0452 (same), 0.1476 (diff), 0.3524, 0.3524. Fold 0 trains on two
        // pairs at the same distance (accuracy 1/2 everywhere -> threshold 0); fold 1 on 0.0452 | 0.1476 -> 0.05.
        LfwEvaluation plain = evaluator.evaluate(e1, e2, issame, options);
        assertThat(plain.foldThresholds()).containsExactly(0.0, 5 * 0.01);

        // Fold 0's training mean is mean{(2,1),(2,1),(0,1),(0,1)} = (1,1): its training pairs become
        // (1,0)/(-1,0), distance 1 for both -> threshold 0 again. Fold 1's mean is
        // mean{(1,2),(2,1),(1,3),(1,0)} = (1.25,1.5): training distances become 0.0950 (same) and 0.3654
        // (diff), so the first separating threshold is 0.10 instead of 0.05.
        LfwEvaluation centred = evaluator.evaluate(e1, e2, issame, options.withSubtractMean(true));
        assertThat(centred.foldThresholds()).containsExactly(0.0, 10 * 0.01);
        assertThat(centred.foldAccuracies()).containsExactly(0.5, 0.5);
    }

    @Test
    void subtractMeanLeavesSquaredEuclideanMetricsUnchanged() {
        // The mean cancels in (a - m) - (b - m); with these values the subtraction is exact, so every metric
        // must be identical.
        double[][] e1 = {{0.5, 0.25}, {1.0, 0.0}, {0.25, 0.75}, {0.0, 1.0}, {0.5, 0.5}, {1.0, 1.0}};
        double[][] e2 = {{0.5, 0.0}, {0.0, 1.0}, {0.25, 0.5}, {1.0, 0.0}, {0.5, 0.75}, {0.0, 0.0}};
        boolean[] issame = {true, false, true, false, true, false};
        LfwEvaluation plain = evaluator.evaluate(e1, e2, issame, twoFolds());
        LfwEvaluation centred = evaluator.evaluate(e1, e2, issame, twoFolds().withSubtractMean(true));
        assertThat(centred.foldAccuracies()).containsExactly(plain.foldAccuracies());
        assertThat(centred.foldThresholds()).containsExactly(plain.foldThresholds());
        assertThat(centred.tpr()).containsExactly(plain.tpr());
        assertThat(centred.valMean()).isEqualTo(plain.valMean());
    }

    @Test
    void metricOneMeasuresAnglesOverPi() {
        // (1,0) vs (0,1): 90 degrees -> 0.5 exactly; vs (-1,0): 1; vs (1,1): 0.25 (to rounding).
        double[][] e1 = {{1, 0}, {1, 0}, {1, 0}};
        double[][] e2 = {{0, 1}, {-1, 0}, {1, 1}};
        double[] d = PairDistances.compute(e1, e2, DistanceMetric.ANGULAR, null);
        assertThat(d[0]).isEqualTo(0.5);
        assertThat(d[1]).isEqualTo(1.0);
        assertThat(d[2]).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void metricOneClipsACosineThatRoundsAboveOne() {
        // For (0.5, 0.2, 0.4) with itself, dot / (norm * norm) rounds to 1.0000000000000002: numpy's arccos
        // gives NaN there (facenet then never accepts the pair); the clipped cosine gives distance 0.
        double[] v = {0.5, 0.2, 0.4};
        double dot = (0.5 * 0.5 + 0.2 * 0.2) + 0.4 * 0.4;
        assertThat(dot / (Math.sqrt(dot) * Math.sqrt(dot))).isGreaterThan(1.0);
        double[] d = PairDistances.compute(new double[][] {v}, new double[][] {v.clone()}, DistanceMetric.ANGULAR, null);
        assertThat(d[0]).isEqualTo(0.0);
    }

    @Test
    void metricOneRejectsZeroVectors() {
        assertThatThrownBy(() -> PairDistances.compute(new double[][] {{1, 0}, {0, 0}}, new double[][] {{1, 0}, {1, 0}},
                DistanceMetric.ANGULAR, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pair 1")
                .hasMessageContaining("zero vector");
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> evaluator.evaluate(new double[3][1], new double[2][1], new boolean[3], twoFolds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embeddings1 has 3 rows, embeddings2 2 and issame 3");
    }

    @Test
    void rejectsMismatchedDimensions() {
        double[][] e1 = {{0, 0}, {0, 0}};
        double[][] e2 = {{1, 1}, {1}};
        assertThatThrownBy(() -> evaluator.evaluate(e1, e2, new boolean[] {true, false}, twoFolds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pair 1: embeddings2 has dimension 1, but pair 0's embeddings1 has 2");
    }

    @Test
    void rejectsNonFiniteValuesNamingThePair() {
        double[][] e1 = {{0, 0}, {0, 0}, {0, 0}};
        double[][] e2 = {{1, 1}, {1, 1}, {1, Double.NaN}};
        assertThatThrownBy(() -> evaluator.evaluate(e1, e2, new boolean[] {true, false, true}, twoFolds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pair 2: embeddings2[1] is NaN; embeddings must be finite");
        e2[2][1] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> evaluator.evaluate(e2, e1, new boolean[] {true, false, true}, twoFolds()))
                .hasMessage("pair 2: embeddings1[1] is Infinity; embeddings must be finite");
    }

    @Test
    void rejectsInputsWithoutBothLabels() {
        assertThatThrownBy(() -> evaluator.evaluate(line(new boolean[] {true, true, true}, 1, 2, 3), twoFolds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 3 pairs are same");
        assertThatThrownBy(() -> evaluator.evaluate(line(new boolean[] {false, false}, 1, 2), twoFolds()))
                .hasMessageContaining("all 2 pairs are different");
    }

    @Test
    void rejectsATestFoldWithOnlyOneKind() {
        // Sorted by label, fold 1 (pairs 0,1) holds only same pairs: facenet would divide by zero for FAR.
        PairEmbeddings sorted = line(new boolean[] {true, true, false, false}, 0.25, 0.5, 1.0, 1.5);
        assertThatThrownBy(() -> evaluator.evaluate(sorted, twoFolds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fold 1 of 2 (pairs 0..1) has no different pairs");
    }

    @Test
    void rejectsMoreFoldsThanPairsAndFewerThanTwo() {
        PairEmbeddings pairs = line(new boolean[] {true, false, true}, 0.25, 0.5, 1.0);
        assertThatThrownBy(() -> evaluator.evaluate(pairs, EvaluationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("folds (10) must not exceed the number of pairs (3)");
        assertThatThrownBy(() -> EvaluationOptions.defaults().withFolds(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("folds must be at least 2");
    }

    @Test
    void distanceMetricCodes() {
        assertThat(DistanceMetric.fromCode(0)).isEqualTo(DistanceMetric.SQUARED_EUCLIDEAN);
        assertThat(DistanceMetric.fromCode(1)).isEqualTo(DistanceMetric.ANGULAR);
        assertThat(DistanceMetric.ANGULAR.code()).isEqualTo(1);
        assertThatThrownBy(() -> DistanceMetric.fromCode(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2");
    }

    @Test
    void summaryLinesFollowValidateOnLfw() {
        LfwEvaluation r = evaluator.evaluate(line(new boolean[] {true, false, true, false}, 0.25, 1.0, 0.5, 1.5),
                twoFolds());
        assertThat(r.summaryLines()).containsSubsequence(
                "Accuracy: 0.75000+-0.25000",
                "Validation rate: 1.00000+-0.00000 @ FAR=0.50000",
                "Area Under Curve (AUC): 1.000",
                "Equal Error Rate (EER): 0.000");
    }

    @Test
    void resultArraysAreDefensiveCopies() {
        LfwEvaluation r = evaluator.evaluate(line(new boolean[] {true, false, true, false}, 0.25, 1.0, 0.5, 1.5),
                twoFolds());
        r.foldAccuracies()[0] = 42;
        r.tpr()[7] = 42;
        assertThat(r.foldAccuracies()[0]).isEqualTo(1.0);
        assertThat(r.tpr()[7]).isEqualTo(0.5);
        assertThat(r).isEqualTo(evaluator.evaluate(line(new boolean[] {true, false, true, false}, 0.25, 1.0, 0.5, 1.5),
                twoFolds()));
    }
}
