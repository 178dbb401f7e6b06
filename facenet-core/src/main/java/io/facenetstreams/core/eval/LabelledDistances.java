package io.facenetstreams.core.eval;

import java.util.Arrays;

/**
 * The distances of a set of pairs, split by label and sorted, so that "how many pairs are predicted same at
 * threshold t" ({@code dist < t}, strict) is a binary search instead of a pass over all pairs.
 */
final class LabelledDistances {

    private final double[] same;
    private final double[] different;

    private LabelledDistances(double[] same, double[] different) {
        this.same = same;
        this.different = different;
    }

    /** The pairs in {@code [from, to)} when {@code inside}, else all pairs outside that range. */
    static LabelledDistances of(double[] dist, boolean[] issame, int from, int to, boolean inside) {
        int sameCount = 0;
        int total = 0;
        for (int i = 0; i < dist.length; i++) {
            if ((i >= from && i < to) == inside) {
                total++;
                if (issame[i]) {
                    sameCount++;
                }
            }
        }
        double[] same = new double[sameCount];
        double[] different = new double[total - sameCount];
        int s = 0;
        int d = 0;
        for (int i = 0; i < dist.length; i++) {
            if ((i >= from && i < to) == inside) {
                if (issame[i]) {
                    same[s++] = dist[i];
                } else {
                    different[d++] = dist[i];
                }
            }
        }
        Arrays.sort(same);
        Arrays.sort(different);
        return new LabelledDistances(same, different);
    }

    int size() {
        return same.length + different.length;
    }

    int sameCount() {
        return same.length;
    }

    int differentCount() {
        return different.length;
    }

    /** Same pairs with {@code dist < threshold}: true accepts. */
    int sameBelow(double threshold) {
        return countBelow(same, threshold);
    }

    /** Different pairs with {@code dist < threshold}: false accepts. */
    int differentBelow(double threshold) {
        return countBelow(different, threshold);
    }

    private static int countBelow(double[] sorted, double threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
