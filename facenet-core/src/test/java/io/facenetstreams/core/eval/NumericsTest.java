package io.facenetstreams.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The numpy/scipy/scikit-learn building blocks, on values worked out by hand. */
class NumericsTest {

    private static final double TWO_53 = 9007199254740992.0; // 2^53: spacing 2, so x + 1 is a tie

    @Test
    void shortSumsAddInTurn() {
        // 2^53 + 1 rounds (tie, to even) back to 2^53, twice.
        assertThat(NumpySums.sum(new double[] {TWO_53, 1, 1})).isEqualTo(TWO_53);
    }

    @Test
    void sumsOfEightOrMoreUseEightPartialSums() {
        // 10 values: ((2^53 + 1) + (1 + 1)) + ((1 + 1) + (1 + 1)) = (2^53 + 2) + 4 = 2^53 + 6, then + 1 -> tie
        // between 2^53 + 6 and + 8, to even: + 8; + 1 -> tie between + 8 and + 10: stays + 8.
        // Adding in turn would lose every 1 and give 2^53.
        double[] a = new double[10];
        Arrays.fill(a, 1.0);
        a[0] = TWO_53;
        assertThat(NumpySums.sum(a)).isEqualTo(TWO_53 + 8);
    }

    @Test
    void longSumsSplitIntoHalvesOfMultiplesOfEight() {
        // 136 values, all 1 except 2^53 at index 64. 136 / 2 = 68, rounded down to a multiple of 8: the halves
        // are indices 0..63 (sum 64, exact) and 64..135. In the second half the partial sum holding 2^53 gets
        // 8 more ones, each a tie that rounds back to 2^53; the other seven partial sums reach 9. Combining:
        // (2^53 + 9 -> tie, to even: 2^53 + 8) + 18 = 2^53 + 26, plus 18 + 18 = 2^53 + 62. Total 2^53 + 126.
        // (Adding in turn would give 2^53 + 64.)
        double[] a = new double[136];
        Arrays.fill(a, 1.0);
        a[64] = TWO_53;
        assertThat(NumpySums.sum(a)).isEqualTo(TWO_53 + 126);
    }

    @Test
    void meanAndPopulationStd() {
        assertThat(NumpySums.mean(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        // deviations -1.5, -0.5, 0.5, 1.5: squares sum to 5, /4 = 1.25
        assertThat(NumpySums.populationStd(new double[] {1, 2, 3, 4})).isEqualTo(Math.sqrt(1.25));
        assertThat(NumpySums.columnMeans(new double[][] {{1, 2}, {3, 6}})).containsExactly(2.0, 4.0);
    }

    @Test
    void thresholdsAreIndexTimesStep() {
        double[] roc = Thresholds.arange(4, 0.01);
        assertThat(roc).hasSize(400);
        assertThat(roc[0]).isEqualTo(0.0);
        // numpy's arange fills i * step: 57 * 0.01 is 0.5700000000000001, not the literal 0.57.
        assertThat(roc[57]).isEqualTo(0.5700000000000001).isNotEqualTo(0.57);
        assertThat(roc[399]).isEqualTo(3.99);
        double[] val = Thresholds.arange(4, 0.001);
        assertThat(val).hasSize(4000);
        assertThat(val[2250]).isEqualTo(2.25);
        assertThat(val[3999]).isEqualTo(3999 * 0.001);
    }

    @Test
    void foldsHaveKFoldSizes() {
        Folds folds = Folds.kFold(5993, 10);
        int[] sizes = new int[folds.count()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = folds.size(f);
        }
        assertThat(sizes).containsExactly(600, 600, 600, 599, 599, 599, 599, 599, 599, 599);
        assertThat(folds.start(3)).isEqualTo(1800);
        assertThat(folds.end(9)).isEqualTo(5993);
        Folds small = Folds.kFold(7, 3);
        assertThat(new int[] {small.size(0), small.size(1), small.size(2)}).containsExactly(3, 2, 2);
        assertThatThrownBy(() -> Folds.kFold(3, 4)).hasMessage("folds (4) must not exceed the number of pairs (3)");
    }

    @Test
    void slinearInterpolatesBetweenLastAtMostAndFirstAbove() {
        // x = FAR per threshold with repeats; the target 0.001 lies between the last 0.0005 (y 0.003) and the
        // first 0.002 (y 0.004), a third of the way: 0.003 * 2/3 + 0.004 * 1/3.
        double[] far = {0, 0, 0.0005, 0.0005, 0.002, 0.002};
        double[] thr = {0, 0.001, 0.002, 0.003, 0.004, 0.005};
        assertThat(ScipyInterpolation.slinear(far, thr, 0.001)).isCloseTo(0.0033333333333333335, within(1e-17));
    }

    @Test
    void slinearAtTheLargestXTakesItsValueUnlessThatXRepeats() {
        // Not repeated: the last knot span ends at x = 0.001 with weight 1 on its y.
        assertThat(ScipyInterpolation.slinear(new double[] {0, 0.0005, 0.001}, new double[] {0, 1, 2}, 0.001))
                .isEqualTo(2.0);
        // Repeated: the span [0.001, 0.001] is empty and scipy's de Boor step leaves both weights 0 -> 0.
        assertThat(ScipyInterpolation.slinear(new double[] {0, 0, 0.001, 0.001}, new double[] {0, 1, 2, 3}, 0.001))
                .isEqualTo(0.0);
    }

    @Test
    void slinearSortsStably() {
        // sorted stably: (0, 20), (0, 40), (0.0005, 30), (0.002, 10); 0.001 is a third of the way from 30 to 10.
        assertThat(ScipyInterpolation.slinear(new double[] {0.002, 0, 0.0005, 0}, new double[] {10, 20, 30, 40}, 0.001))
                .isCloseTo(30 - 20.0 / 3, within(1e-12));
        assertThatThrownBy(() -> ScipyInterpolation.slinear(new double[] {0, 0.0005}, new double[] {0, 1}, 0.001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linearTakesTheLastOfEqualXAndIsUndefinedOutside() {
        double[] x = {0, 0, 1};
        double[] y = {0, 0.5, 1};
        assertThat(ScipyInterpolation.linear(x, y, 0)).isEqualTo(0.5);
        assertThat(ScipyInterpolation.linear(x, y, 0.5)).isEqualTo(0.75);
        assertThat(ScipyInterpolation.linear(x, y, 1)).isEqualTo(1.0);
        assertThat(ScipyInterpolation.linear(x, y, 1.5)).isNaN();
        assertThat(ScipyInterpolation.linear(x, y, -0.1)).isNaN();
    }

    @Test
    void brentqFindsRootsAndReportsMissingOnes() {
        assertThat(Brentq.root(x -> x * x - 2, 0, 2)).isCloseTo(Math.sqrt(2), within(4e-12));
        assertThat(Brentq.root(x -> x - 0.25, 0, 1)).isCloseTo(0.25, within(4e-12));
        assertThat(Brentq.root(x -> x, 0, 1)).isEqualTo(0.0);
        assertThat(Brentq.root(x -> x * x + 1, -1, 1)).isNaN();
        assertThat(Brentq.root(x -> x > 0.5 ? Double.NaN : 1, 0, 1)).isNaN();
    }

    @Test
    void aucIsTheTrapezoidArea() {
        // segments: 0 -> 0.5 at height 0.5 (0.25), 0.5 -> 1 from 0.5 to 1 (0.375); zero-width ones add 0.
        double[] fpr = {0, 0, 0.5, 1, 1};
        double[] tpr = {0, 0.5, 0.5, 1, 1};
        assertThat(RocCurve.auc(fpr, tpr)).isEqualTo(0.625);
        // decreasing x: the same area (scikit-learn flips the sign)
        assertThat(RocCurve.auc(new double[] {1, 1, 0.5, 0, 0}, new double[] {1, 1, 0.5, 0.5, 0})).isEqualTo(0.625);
        assertThatThrownBy(() -> RocCurve.auc(new double[] {0, 1, 0.5}, new double[] {0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eerIsWhereFprEqualsOneMinusTpr() {
        // On [0, 0.5] the curve is 1.5 x, so 1 - x = 1.5 x at x = 0.4.
        assertThat(RocCurve.eer(new double[] {0, 0.5, 1}, new double[] {0, 0.75, 1})).isCloseTo(0.4, within(4e-12));
        // At FPR 0 the curve takes the last point with FPR 0 (TPR 0.5): 1 - x = 0.5 at x = 0.5.
        assertThat(RocCurve.eer(new double[] {0, 0, 0.5, 1, 1}, new double[] {0, 0.5, 0.5, 1, 1}))
                .isCloseTo(0.5, within(4e-12));
        // A curve that stops at FPR 0.8 leaves the EER undefined.
        assertThat(RocCurve.eer(new double[] {0, 0.5, 0.8}, new double[] {0, 0.2, 0.3})).isNaN();
    }
}
