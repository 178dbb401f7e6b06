package io.facenetstreams.core.mining;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Selects the triplets of one anchor at a time; one instance per worker thread, its buffers reused across anchors.
 *
 * <p>Per anchor: the exact distances to its positives, then the decision thresholds ("cuts"): for each pair the
 * largest negative distance the VGG-Face rule accepts ({@link MarginRule#largestCandidate}), and for semihard also
 * the positive distance itself. Sorted, {@code K} cuts split the negatives into {@code K + 1} buckets, bucket
 * {@code b} holding the negatives with exactly {@code b} cuts strictly below their distance. A pair's candidates
 * are then a contiguous run of buckets (vggface: buckets {@code 0..L}; semihard: {@code R+1..L}), so its count is
 * a prefix sum and a uniform pick one lookup in the negatives counting-sorted by bucket.
 *
 * <p>Buckets come from the float approximations and their error bound: a negative whose interval
 * {@code [f - B, f + B]} contains no cut is bucketed without its exact distance (through a table of cells over the
 * cut range); only the rare others get the exact double distance of the seed's port. So every decision is the
 * port's, including exact ties.
 */
final class AnchorMiner {

    /** Most cells of the per-anchor lookup table over the cut range. */
    private static final int MAX_CELLS = 2048;
    /** Up to this many undecided negatives an anchor bisects the cuts instead of building the table. */
    private static final int FEW_PENDING = 24;

    /** What one worker produced for one block of anchors. */
    static final class Output {
        final IntList triplets = new IntList(256);
        final IntList candidates;
        long pairs;

        Output(boolean candidatesPerPair) {
            candidates = candidatesPerPair ? new IntList(256) : null;
        }
    }

    private final BatchLayout batch;
    private final ApproximateDistances approx;
    private final MiningStrategy strategy;
    private final double alpha;
    private final boolean semihard;
    private final boolean keepLists;
    private final boolean needArgMin;

    private final int rows;
    private final double[] classDistances;
    private final int[] positiveRow;
    private final double[] positiveDistance;
    private final double[] largest;
    private final double[] cuts;
    private final int[] cutTag;
    private final int[] pairOrder;
    private final int[] sortScratch;
    private final int[] upperBucket;
    private final int[] lowerBucket;
    private final float[] cutLow;
    private final float[] cutHigh;
    private final int[] cells = new int[MAX_CELLS];
    private final int[] histogram;
    private final int[] bucketStart;
    private final int[] negativeRow;
    private final int[] negativeBucket;
    private final int[] ordered;
    private final double[] bound = new double[2];

    // per-anchor state of the scan
    private int anchor;
    private int cutCount;
    private float cellBase;
    private float cellScale;
    private int cellCount;
    private int pendingCount;
    private final float[] pendingApprox;
    private float[] lowRow;
    private float[][] highRows;
    private int found;

    AnchorMiner(BatchLayout batch, ApproximateDistances approx, SelectionOptions options) {
        this.batch = batch;
        this.approx = approx != null && approx.usable() ? approx : null;
        this.strategy = options.strategy();
        this.alpha = options.alpha();
        this.semihard = strategy == MiningStrategy.SEMIHARD;
        this.keepLists = strategy == MiningStrategy.VGGFACE || strategy == MiningStrategy.SEMIHARD
                || strategy == MiningStrategy.ALL;
        this.needArgMin = strategy == MiningStrategy.HARD || strategy == MiningStrategy.BATCH_HARD;
        this.rows = batch.rows();
        int m = Math.max(batch.largestClass(), 1);
        classDistances = new double[m];
        positiveRow = new int[m];
        positiveDistance = new double[m];
        largest = new double[m];
        cuts = new double[2 * m];
        cutTag = new int[2 * m];
        pairOrder = new int[m];
        sortScratch = new int[m];
        upperBucket = new int[m];
        lowerBucket = new int[m];
        cutLow = new float[2 * m];
        cutHigh = new float[2 * m];
        histogram = new int[2 * m + 1];
        bucketStart = new int[2 * m + 2];
        negativeRow = new int[rows];
        negativeBucket = new int[rows];
        pendingApprox = new float[rows];
        ordered = keepLists ? new int[rows] : null;
    }

    /**
     * Mines anchor {@code a}. The scaled float distance from {@code a} to row {@code x} is {@code low[x]} for rows
     * before the anchor's class, and for rows after it {@code high[x][a]} (the lower triangle of a symmetric
     * matrix, read down column a) or, when {@code high} is null, {@code low[x]} too. Both are ignored, and may be
     * null, when the float path is unusable.
     */
    void mine(int a, float[] low, float[][] high, Output out, SplittableRandom random) {
        lowRow = low;
        highRows = high;
        anchor = a;
        int start = batch.classStart(batch.classOf(a));
        int end = batch.classEnd(a);
        int pairs = positives(a, start, end);
        out.pairs += pairs;
        if (rows == end - start) {
            // a single class: no negatives, so no candidates (batch-hard has no anchors then)
            if (out.candidates != null) {
                for (int i = 0; i < pairs; i++) {
                    out.candidates.add3(a, positiveRow[i], 0);
                }
            }
            return;
        }
        prepareCuts(pairs);
        found = 0;
        if (approx != null && prepareBounds()) {
            pendingCount = 0;
            dropBeyondCuts(low, 0, start);
            if (high == null) {
                dropBeyondCuts(low, end, rows);
            } else {
                dropBeyondCutsColumn(high, a, end, rows);
            }
            bucketPending();
        } else {
            scanExact(0, start);
            scanExact(end, rows);
        }
        int k = cutCount;
        int[] hist = histogram;
        Arrays.fill(hist, 0, k, 0);
        int[] negBucket = negativeBucket;
        for (int i = 0; i < found; i++) {
            hist[negBucket[i]]++;
        }
        int[] bs = bucketStart;
        bs[0] = 0;
        for (int b = 0; b < k; b++) {
            bs[b + 1] = bs[b] + hist[b];
        }
        if (keepLists) {
            int[] fill = hist; // reused as the running insert position of each bucket
            System.arraycopy(bs, 0, fill, 0, k);
            for (int i = 0; i < found; i++) {
                ordered[fill[negBucket[i]]++] = negativeRow[i];
            }
        }
        int hardest = needArgMin ? hardestNegative(start, end) : -1;
        emit(a, pairs, hardest, out, random);
    }

    /** Fills the pairs' positive rows and exact distances; returns the number of pairs. */
    private int positives(int a, int start, int end) {
        if (strategy == MiningStrategy.BATCH_HARD) {
            batch.exactDistances(a, start, end, classDistances);
            int p = -1;
            double best = 0;
            for (int x = start; x < end; x++) {
                double d = classDistances[x - start];
                if (x != a && (p < 0 || d > best)) {
                    p = x;
                    best = d;
                }
            }
            positiveRow[0] = p;
            positiveDistance[0] = best;
            return 1;
        }
        int m = end - a - 1;
        batch.exactDistances(a, a + 1, end, positiveDistance);
        for (int i = 0; i < m; i++) {
            positiveRow[i] = a + 1 + i;
        }
        return m;
    }

    /**
     * The sorted cuts and, per pair, the bucket bounds {@code upperBucket = #cuts < largest} and (semihard)
     * {@code lowerBucket = #cuts < pos}. {@code largest} is monotone in {@code pos}, so one sort of the pairs by
     * {@code pos} orders both sequences, and semihard's cuts are their merge; a value's count of cuts strictly
     * below it is the start of its run of equal values in the sorted cuts.
     */
    private void prepareCuts(int pairs) {
        int[] order = pairOrder;
        sortPairsByPositive(pairs);
        for (int i = 0; i < pairs; i++) {
            largest[i] = MarginRule.largestCandidate(positiveDistance[i], alpha);
        }
        int k = 0;
        if (!semihard) {
            for (int j = 0; j < pairs; j++) {
                cuts[k] = largest[order[j]];
                cutTag[k++] = order[j];
            }
        } else {
            int p = 0;
            int q = 0;
            while (p < pairs || q < pairs) {
                // positives first on ties; the order within a run of equal values does not matter
                if (q == pairs || (p < pairs && positiveDistance[order[p]] <= largest[order[q]])) {
                    cuts[k] = positiveDistance[order[p]];
                    cutTag[k++] = -1 - order[p++];
                } else {
                    cuts[k] = largest[order[q]];
                    cutTag[k++] = order[q++];
                }
            }
        }
        cutCount = k;
        int runStart = 0;
        for (int j = 0; j < k; j++) {
            if (j > 0 && cuts[j] != cuts[j - 1]) {
                runStart = j;
            }
            int tag = cutTag[j];
            if (tag >= 0) {
                upperBucket[tag] = runStart;
            } else {
                lowerBucket[-1 - tag] = runStart;
            }
        }
    }

    /** {@code pairOrder[0..pairs)}: the pairs by increasing positive distance (insertion sort: classes are small). */
    private void sortPairsByPositive(int pairs) {
        int[] order = pairOrder;
        double[] pos = positiveDistance;
        if (pairs > 64) {
            // large classes: sort the values, then place each pair at its value's first free slot
            double[] sorted = Arrays.copyOf(pos, pairs);
            Arrays.sort(sorted);
            int[] next = sortScratch;
            Arrays.fill(next, 0, pairs, -1);
            for (int i = 0; i < pairs; i++) {
                int j = Arrays.binarySearch(sorted, pos[i]);
                while (j > 0 && sorted[j - 1] == pos[i]) {
                    j--;
                }
                while (next[j] >= 0) {
                    j++;
                }
                next[j] = i;
            }
            System.arraycopy(next, 0, order, 0, pairs);
            return;
        }
        for (int i = 0; i < pairs; i++) {
            double v = pos[i];
            int j = i - 1;
            while (j >= 0 && pos[order[j]] > v) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = i;
        }
    }

    /** Number of cuts strictly below {@code v} (binary search). */
    private int lowerBound(double v) {
        int lo = 0;
        int hi = cutCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of cuts strictly below {@code v}, knowing that the first {@code from} are. */
    private int countBelow(double v, int from) {
        int j = from;
        double[] c = cuts;
        int k = cutCount;
        while (j < k && c[j] < v) {
            j++;
        }
        return j;
    }

    /**
     * Float bounds of the cuts: a float {@code f} below {@code cutLow[j]} is certainly (exact distance) below cut j,
     * above {@code cutHigh[j]} certainly above. Returns false when the bound is too loose to help (tiny
     * thresholds): the anchor then uses exact distances only.
     */
    private boolean prepareBounds() {
        int k = cutCount;
        approx.bound(approx.toScaled(cuts[k - 1]), bound);
        double lambda = bound[0];
        double mu = bound[1];
        if (!(lambda < 0.25)) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            double c = approx.toScaled(cuts[j]);
            cutLow[j] = Math.nextDown((float) ((c - mu) / (1 + lambda)));
            cutHigh[j] = Math.nextUp((float) ((c + mu) / (1 - lambda)));
        }
        return true;
    }

    /**
     * Keeps (in {@code negativeRow}, as pending) the negatives not certainly beyond every cut. With a branch: the
     * share kept is usually near none (trained networks) or near all (random ones), which predicts well, and a
     * branch-free version (store always, advance by the comparison) was 3x slower, its stores waiting on the count.
     */
    private void dropBeyondCuts(float[] row, int from, int to) {
        float skip = cutHigh[cutCount - 1];
        int[] pending = negativeRow;
        float[] pendingF = pendingApprox;
        int n = pendingCount;
        for (int x = from; x < to; x++) {
            float f = row[x];
            if (f <= skip) {
                pending[n] = x;
                pendingF[n] = f;
                n++;
            }
        }
        pendingCount = n;
    }

    /** As {@link #dropBeyondCuts}, reading {@code m[x][column]}: the strided reads replace mirroring the matrix. */
    private void dropBeyondCutsColumn(float[][] m, int column, int from, int to) {
        float skip = cutHigh[cutCount - 1];
        int[] pending = negativeRow;
        float[] pendingF = pendingApprox;
        int n = pendingCount;
        for (int x = from; x < to; x++) {
            float f = m[x][column];
            if (f <= skip) {
                pending[n] = x;
                pendingF[n] = f;
                n++;
            }
        }
        pendingCount = n;
    }

    /** Buckets the pending negatives: by bisection when few, else through a table of cells over the cut range. */
    private void bucketPending() {
        int n = pendingCount;
        int[] negRow = negativeRow;
        int[] negBucket = negativeBucket;
        float[] pendingF = pendingApprox;
        int k = cutCount;
        int kept = 0;
        if (n <= FEW_PENDING) {
            for (int i = 0; i < n; i++) {
                int x = negRow[i];
                float f = pendingF[i];
                int b = resolve(x, f, highsBelow(f));
                negRow[kept] = x;
                negBucket[kept] = b;
                kept += b < k ? 1 : 0;
            }
        } else {
            buildCells(Math.min(MAX_CELLS, Integer.highestOneBit(n) * 2));
            float base = cellBase;
            float scale = cellScale;
            int last = cellCount - 1;
            int[] table = cells;
            for (int i = 0; i < n; i++) {
                int x = negRow[i];
                float f = pendingF[i];
                int b = table[Math.max(0, Math.min((int) ((f - base) * scale), last))];
                if (b < 0) {
                    b = resolve(x, f, -1 - b);
                }
                negRow[kept] = x;
                negBucket[kept] = b;
                kept += b < k ? 1 : 0;
            }
        }
        found = kept;
    }

    /** Number of cuts whose {@code cutHigh} is below {@code f} (bisection). */
    private int highsBelow(float f) {
        int lo = 0;
        int hi = cutCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cutHigh[mid] < f) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The table of {@code count} cells over the cut range plus a margin (so that the first and last cells, where
     * everything below or above lands, are pure): a pure cell holds the bucket of every value in it, a mixed one
     * {@code -1 - j} with j the first cut to look at.
     */
    private void buildCells(int count) {
        int k = cutCount;
        cellCount = count;
        float lo = cutLow[0];
        float hi = cutHigh[k - 1];
        float span = Math.max(hi - lo, Math.max(Math.max(Math.abs(lo), Math.abs(hi)) * 0x1p-20f, Float.MIN_NORMAL));
        float base = lo - span / 8;
        float scale = count / (hi + span / 8 - base);
        if (!(scale > 0 && scale < Float.POSITIVE_INFINITY)) {
            // degenerate range (infinite cuts): every negative is resolved from the first cut
            cellBase = 0f;
            cellScale = 0f;
            Arrays.fill(cells, 0, count, -1);
            return;
        }
        cellBase = base;
        cellScale = scale;
        int next = 0;
        for (int j = 0; j < k; j++) {
            int first = cell(cutLow[j]);
            int last = cell(cutHigh[j]);
            if (first > next) {
                Arrays.fill(cells, next, first, j);
                next = first;
            }
            if (last >= next) {
                Arrays.fill(cells, next, last + 1, -1 - j); // mixed: resolve, scanning cuts from j
                next = last + 1;
            }
        }
        if (next < count) {
            Arrays.fill(cells, next, count, k);
        }
    }

    /** Monotone in {@code f} (clamped to the table); that is all the table needs. Same expression as the lookup. */
    private int cell(float f) {
        return Math.max(0, Math.min((int) ((f - cellBase) * cellScale), cellCount - 1));
    }

    /** The bucket of a negative in a mixed cell: certain from the float bounds, else from the exact distance. */
    private int resolve(int x, float f, int from) {
        int k = cutCount;
        int j = from;
        while (j < k && cutHigh[j] < f) {
            j++;
        }
        if (j == k || cutLow[j] > f) {
            return j;
        }
        return countBelow(batch.exactDistance(anchor, x), j);
    }

    private void scanExact(int from, int to) {
        // every decision from the exact distance: embeddings at extreme scales, or thresholds too small for the bound
        int n = found;
        for (int x = from; x < to; x++) {
            int b = lowerBound(batch.exactDistance(anchor, x));
            negativeRow[n] = x;
            negativeBucket[n] = b;
            n += b < cutCount ? 1 : 0;
        }
        found = n;
    }

    /**
     * The negative with the smallest exact distance, lowest row on ties. With the float path only rows whose lower
     * bound does not exceed the upper bound of the smallest float need their exact distance.
     */
    private int hardestNegative(int start, int end) {
        boolean useApprox = approx != null && lowRow != null;
        double limit = Double.POSITIVE_INFINITY;
        if (useApprox) {
            float minApprox = Float.POSITIVE_INFINITY;
            for (int x = start == 0 ? end : 0; x < rows; x = x + 1 == start ? end : x + 1) {
                minApprox = Math.min(minApprox, approximate(x));
            }
            approx.bound(minApprox, bound);
            double lambda = bound[0];
            double mu = bound[1];
            if (lambda < 0.25) {
                double upperOfMin = minApprox * (1 + lambda) + mu;
                limit = Math.nextUp((upperOfMin + mu) / (1 - lambda) * (1 + 1e-12));
            }
        }
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        // rows in increasing order, so that a tie keeps the lowest row
        for (int x = start == 0 ? end : 0; x < rows; x = x + 1 == start ? end : x + 1) {
            if (useApprox && approximate(x) > limit) {
                continue;
            }
            double d = batch.exactDistance(anchor, x);
            if (best < 0 || d < bestDistance) {
                best = x;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The float distance from the anchor to row {@code x} (see {@link #mine}). */
    private float approximate(int x) {
        return highRows == null || x < anchor ? lowRow[x] : highRows[x][anchor];
    }

    private void emit(int a, int pairs, int hardest, Output out, SplittableRandom random) {
        int[] bs = bucketStart;
        for (int i = 0; i < pairs; i++) {
            int p = positiveRow[i];
            int hi = bs[upperBucket[i] + 1];
            int lo = semihard ? Math.min(bs[lowerBucket[i] + 1], hi) : 0;
            int count = hi - lo;
            if (out.candidates != null) {
                out.candidates.add3(a, p, count);
            }
            switch (strategy) {
                case VGGFACE, SEMIHARD -> {
                    if (count > 0) {
                        out.triplets.add3(a, p, ordered[lo + random.nextInt(count)]);
                    }
                }
                case HARD -> {
                    if (count > 0) {
                        out.triplets.add3(a, p, hardest);
                    }
                }
                case ALL -> {
                    for (int c = lo; c < hi; c++) {
                        out.triplets.add3(a, p, ordered[c]);
                    }
                }
                case BATCH_HARD -> out.triplets.add3(a, p, hardest);
            }
        }
    }
}
