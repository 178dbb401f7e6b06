package io.facenetstreams.core.eval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The two uses facenet makes of {@code scipy.interpolate.interp1d}, reproduced bit for bit, including what
 * they do with repeated x values (FAR and FPR curves are full of them).
 *
 * <p>Both first sort the points by x with a stable sort ({@code np.argsort(x, kind="mergesort")}, scipy
 * 1.6 and later), which keeps points with equal x in their given order.
 */
final class ScipyInterpolation {

    private ScipyInterpolation() {}

    /**
     * {@code interp1d(x, y, kind='slinear')(xNew)} as scipy 1.6 to 1.9 computed it: a degree-1 B-spline with
     * knots {@code [x0, x0, ..., x(n-1), x(n-1)]} and coefficients {@code y}, evaluated by de Boor's
     * recursion. The interval is the last knot span with {@code t[l] <= xNew}, so among equal x values the
     * last one (in stable order) is the left end and the next larger x the right end: with facenet's
     * non-decreasing FAR curve this interpolates between the last threshold whose FAR is at most the target
     * and the first whose FAR exceeds it. When {@code xNew} equals the largest x and that value is repeated,
     * the span is empty and scipy's recursion yields 0, reproduced here. (scipy 1.10 and later reject
     * repeated x for this kind, and scipy 1.5 and earlier sorted with an unstable sort.)
     *
     * @throws IllegalArgumentException if fewer than 2 points or {@code xNew} is outside [min x, max x]
     */
    static double slinear(double[] x, double[] y, double xNew) {
        if (x.length < 2 || x.length != y.length) {
            throw new IllegalArgumentException("slinear interpolation needs at least 2 points and as many x as y");
        }
        int n = x.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        sortByX(x, y, xs, ys);
        if (!(xNew >= xs[0] && xNew <= xs[n - 1])) {
            throw new IllegalArgumentException("x " + xNew + " is outside the interpolation range [" + xs[0] + ", "
                    + xs[n - 1] + "]");
        }
        // Knots t = [xs0, xs0, xs1, ..., xs(n-1), xs(n-1)]; t[i] = xs[i - 1] for 1 <= i <= n.
        double[] t = new double[n + 2];
        t[0] = xs[0];
        System.arraycopy(xs, 0, t, 1, n);
        t[n + 1] = xs[n - 1];
        // find_interval for degree k = 1 starting from l = k: the largest l in [1, n-1] with t[l] <= xNew.
        int l = 2;
        while (xNew >= t[l] && l != n) {
            l++;
        }
        int interval = l - 1;
        // de Boor, degree 1: h0 = w (t[l+1] - x), h1 = w (x - t[l]) with w = 1 / (t[l+1] - t[l]).
        double xa = t[interval];
        double xb = t[interval + 1];
        double h0 = 0.0;
        double h1;
        if (xb == xa) {
            h1 = 0.0;
        } else {
            double w = 1.0 / (xb - xa);
            h0 += w * (xb - xNew);
            h1 = w * (xNew - xa);
        }
        double value = 0.0;
        value = value + ys[interval - 1] * h0;
        value = value + ys[interval] * h1;
        return value;
    }

    /**
     * {@code interp1d(x, y)(xNew)} (kind 'linear') for float64 data, which scipy delegates to
     * {@code np.interp} after the stable sort: with {@code j} the last index where {@code x[j] <= xNew},
     * the result is {@code y[j]} when {@code x[j] == xNew} or {@code j} is the last index, otherwise
     * {@code slope * (xNew - x[j]) + y[j]}. Returns NaN where scipy would raise: {@code xNew} outside
     * [min x, max x] or NaN.
     */
    static double linear(double[] x, double[] y, double xNew) {
        if (x.length < 1 || x.length != y.length) {
            throw new IllegalArgumentException("linear interpolation needs at least 1 point and as many x as y");
        }
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        sortByX(x, y, xs, ys);
        return sortedLinear(xs, ys, xNew);
    }

    /** The points in scipy's order: a stable sort by x (equal x keep their input order). */
    static void sortByX(double[] x, double[] y, double[] xs, double[] ys) {
        int[] order = stableArgsort(x);
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
        }
    }

    /** {@link #linear} on points already in stable ascending order of x. */
    static double sortedLinear(double[] xs, double[] ys, double xNew) {
        int n = xs.length;
        if (Double.isNaN(xNew) || xNew < xs[0] || xNew > xs[n - 1]) {
            return Double.NaN;
        }
        int j = lastAtMost(xs, xNew);
        if (j == n - 1 || xs[j] == xNew) {
            return ys[j];
        }
        double slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
        double value = slope * (xNew - xs[j]) + ys[j];
        if (Double.isNaN(value)) {
            // np.interp: "if we get nan in one direction, try the other"
            value = slope * (xNew - xs[j + 1]) + ys[j + 1];
            if (Double.isNaN(value) && ys[j] == ys[j + 1]) {
                value = ys[j];
            }
        }
        return value;
    }

    /** Stable ascending order of x, as {@code np.argsort(x, kind="mergesort")} (no NaN expected). */
    static int[] stableArgsort(double[] x) {
        boolean sorted = true;
        for (int i = 1; i < x.length && sorted; i++) {
            sorted = x[i - 1] <= x[i];
        }
        if (sorted) {
            return IntStream.range(0, x.length).toArray();
        }
        Integer[] boxed = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        // TimSort is stable; primitive comparisons treat -0.0 and 0.0 as equal, as numpy's sort does.
        Arrays.sort(boxed, (i, j) -> x[i] < x[j] ? -1 : x[i] > x[j] ? 1 : 0);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** Last index with {@code xs[j] <= value}, given {@code xs[0] <= value}. */
    private static int lastAtMost(double[] xs, double value) {
        int lo = 0;
        int hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
