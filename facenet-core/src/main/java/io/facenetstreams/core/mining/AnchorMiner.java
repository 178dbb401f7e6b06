package io.facenetstreams.core.mining;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Selects the triplets of a block of anchors; one instance per worker thread, its buffers reused across blocks.
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
 * cut range); only the rare others get the exact double distance of the reference's port. So every decision is the
 * port's, including exact ties. Negatives certainly beyond every cut, usually most of them, are dropped first.
 *
 * <p>The anchors of a block are prepared together so that, reading the lower triangle of the distance matrix, the
 * distances to later rows (a column per anchor) are read row by row for the whole block: one cache line serves
 * all its anchors, where a column per anchor cost five times more.
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

    /** The state of one anchor of the block. */
    private static final class Slot {
        int anchor;
        int start;
        int end;
        int pairs;
        int cutCount;
        /** Whether the float bounds decide (else every negative gets its exact distance). */
        boolean bounded;
        /** Floats above this are certainly beyond every cut; -Infinity when there is nothing to keep. */
        float skip;
        final int[] positiveRow;
        final double[] positiveDistance;
        final double[] largest;
        final double[] cuts;
        final int[] upperBucket;
        final int[] lowerBucket;
        final float[] cutLow;
        final float[] cutHigh;
        /** The negatives kept so far, and their floats. */
        final int[] pendingRow;
        final float[] pendingApprox;
        int pendingCount;

        Slot(int maxPairs, int rows) {
            positiveRow = new int[maxPairs];
            positiveDistance = new double[maxPairs];
            largest = new double[maxPairs];
            cuts = new double[2 * maxPairs];
            upperBucket = new int[maxPairs];
            lowerBucket = new int[maxPairs];
            cutLow = new float[2 * maxPairs];
            cutHigh = new float[2 * maxPairs];
            pendingRow = new int[rows];
            pendingApprox = new float[rows];
        }
    }

    private final ClassBlocks batch;
    private final ApproximateDistances approx;
    private final MiningStrategy strategy;
    private final double alpha;
    private final boolean semihard;
    private final boolean keepLists;
    private final boolean needArgMin;
    private final int rows;

    private final Slot[] slots;
    // the block's anchors, skip values and kept negatives side by side, for the pass over later rows
    private final int[] blockAnchor;
    private final float[] blockSkip;
    private final int[] blockKept;
    private final int[][] blockKeptRow;
    private final float[][] blockKeptApprox;
    private final double[] classDistances;
    private final int[] cutTag;
    private final int[] pairOrder;
    private final int[] sortScratch;
    private final int[] cells = new int[MAX_CELLS];
    private final int[] histogram;
    private final int[] bucketStart;
    private final int[] negativeBucket;
    private final int[] ordered;
    private final double[] bound = new double[2];

    // the table of the slot being bucketed
    private float cellBase;
    private float cellScale;
    private int cellCount;

    AnchorMiner(ClassBlocks batch, ApproximateDistances approx, SelectionOptions options, int blockSize) {
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
        slots = new Slot[blockSize];
        for (int i = 0; i < blockSize; i++) {
            slots[i] = new Slot(m, rows);
        }
        blockAnchor = new int[blockSize];
        blockSkip = new float[blockSize];
        blockKept = new int[blockSize];
        blockKeptRow = new int[blockSize][];
        blockKeptApprox = new float[blockSize][];
        classDistances = new double[m];
        cutTag = new int[2 * m];
        pairOrder = new int[m];
        sortScratch = new int[m];
        histogram = new int[2 * m + 1];
        bucketStart = new int[2 * m + 2];
        negativeBucket = new int[rows];
        ordered = keepLists ? new int[rows] : null;
    }

    /**
     * Mines anchors {@code anchors[from..to)} (increasing rows, at most the block size), drawing from
     * {@code random} in anchor order. The scaled float distances come from {@code triangle} (the lower triangle of
     * the matrix: row {@code a} for earlier rows, column {@code a} for later ones), or from {@code fullRows[i]} for
     * the block's {@code i}-th anchor; with both null every distance is exact.
     */
    void mineBlock(int[] anchors, int from, int to, float[][] triangle, float[][] fullRows, Output out,
                   SplittableRandom random) {
        int count = to - from;
        for (int i = 0; i < count; i++) {
            prepare(slots[i], anchors[from + i], out);
        }
        for (int i = 0; i < count; i++) {
            Slot s = slots[i];
            if (s.bounded) {
                float[] low = triangle != null ? triangle[s.anchor] : fullRows[i];
                drop(s, low, 0, s.start);
                if (triangle == null) {
                    drop(s, low, s.end, rows);
                }
            }
        }
        if (triangle != null) {
            dropLaterRows(triangle, count);
        }
        for (int i = 0; i < count; i++) {
            Slot s = slots[i];
            if (s.cutCount > 0) {
                finish(s, triangle, triangle == null && fullRows != null ? fullRows[i] : null, out, random);
            }
        }
    }

    /** Positives, cuts and float bounds of one anchor; pairs and per-pair counts of a batch without negatives. */
    private void prepare(Slot s, int a, Output out) {
        s.anchor = a;
        s.start = batch.classStart(batch.classOf(a));
        s.end = batch.classEnd(a);
        s.pairs = positives(s);
        s.pendingCount = 0;
        s.cutCount = 0;
        s.bounded = false;
        s.skip = Float.NEGATIVE_INFINITY;
        out.pairs += s.pairs;
        if (rows == s.end - s.start) {
            // a single class: no negatives, so no candidates (batch-hard has no anchors then)
            if (out.candidates != null) {
                for (int i = 0; i < s.pairs; i++) {
                    out.candidates.add3(a, s.positiveRow[i], 0);
                }
            }
            return;
        }
        prepareCuts(s);
        s.bounded = approx != null && prepareBounds(s);
        if (s.bounded) {
            s.skip = s.cutHigh[s.cutCount - 1];
        }
    }

    /** Fills the pairs' positive rows and exact distances; returns the number of pairs. */
    private int positives(Slot s) {
        int a = s.anchor;
        if (strategy == MiningStrategy.BATCH_HARD) {
            batch.exactDistances(a, s.start, s.end, classDistances);
            int p = -1;
            double best = 0;
            for (int x = s.start; x < s.end; x++) {
                double d = classDistances[x - s.start];
                if (x != a && (p < 0 || d > best)) {
                    p = x;
                    best = d;
                }
            }
            s.positiveRow[0] = p;
            s.positiveDistance[0] = best;
            return 1;
        }
        int m = s.end - a - 1;
        batch.exactDistances(a, a + 1, s.end, s.positiveDistance);
        for (int i = 0; i < m; i++) {
            s.positiveRow[i] = a + 1 + i;
        }
        return m;
    }

    /**
     * The sorted cuts and, per pair, the bucket bounds {@code upperBucket = #cuts < largest} and (semihard)
     * {@code lowerBucket = #cuts < pos}. {@code largest} is monotone in {@code pos}, so one sort of the pairs by
     * {@code pos} orders both sequences, and semihard's cuts are their merge; a value's count of cuts strictly
     * below it is the start of its run of equal values in the sorted cuts.
     */
    private void prepareCuts(Slot s) {
        int pairs = s.pairs;
        int[] order = pairOrder;
        double[] pos = s.positiveDistance;
        double[] largest = s.largest;
        double[] cuts = s.cuts;
        sortPairsByPositive(pos, pairs);
        for (int i = 0; i < pairs; i++) {
            largest[i] = MarginRule.largestCandidate(pos[i], alpha);
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
                if (q == pairs || (p < pairs && pos[order[p]] <= largest[order[q]])) {
                    cuts[k] = pos[order[p]];
                    cutTag[k++] = -1 - order[p++];
                } else {
                    cuts[k] = largest[order[q]];
                    cutTag[k++] = order[q++];
                }
            }
        }
        s.cutCount = k;
        int runStart = 0;
        for (int j = 0; j < k; j++) {
            if (j > 0 && cuts[j] != cuts[j - 1]) {
                runStart = j;
            }
            int tag = cutTag[j];
            if (tag >= 0) {
                s.upperBucket[tag] = runStart;
            } else {
                s.lowerBucket[-1 - tag] = runStart;
            }
        }
    }

    /** {@code pairOrder[0..pairs)}: the pairs by increasing positive distance (insertion sort: classes are small). */
    private void sortPairsByPositive(double[] pos, int pairs) {
        int[] order = pairOrder;
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

    /**
     * Float bounds of the cuts: a float {@code f} below {@code cutLow[j]} is certainly (exact distance) below cut j,
     * above {@code cutHigh[j]} certainly above. Returns false when the bound is too loose to help (tiny
     * thresholds): the anchor then uses exact distances only.
     */
    private boolean prepareBounds(Slot s) {
        int k = s.cutCount;
        approx.bound(approx.toScaled(s.cuts[k - 1]), bound);
        double lambda = bound[0];
        double mu = bound[1];
        if (!(lambda < 0.25)) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            double c = approx.toScaled(s.cuts[j]);
            s.cutLow[j] = Math.nextDown((float) ((c - mu) / (1 + lambda)));
            s.cutHigh[j] = Math.nextUp((float) ((c + mu) / (1 - lambda)));
        }
        return true;
    }

    /**
     * Keeps (as pending) the negatives {@code [from, to)} not certainly beyond every cut. With a branch: the share
     * kept is usually near none (trained networks) or near all (random ones), which predicts well, and a
     * branch-free version (store always, advance by the comparison) was 3x slower, its stores waiting on the count.
     */
    private static void drop(Slot s, float[] row, int from, int to) {
        float skip = s.skip;
        int[] pending = s.pendingRow;
        float[] pendingF = s.pendingApprox;
        int n = s.pendingCount;
        for (int x = from; x < to; x++) {
            float f = row[x];
            if (f <= skip) {
                pending[n] = x;
                pendingF[n] = f;
                n++;
            }
        }
        s.pendingCount = n;
    }

    /**
     * As {@link #drop} for the rows after each anchor's class, from the columns of the lower triangle: row by row,
     * each row's entries for the block's anchors side by side. The anchors are in increasing rows, so their
     * classes end in increasing rows too and the anchors a row is a later negative of are a prefix of the block.
     */
    private void dropLaterRows(float[][] triangle, int count) {
        Slot[] ss = slots;
        int[] column = blockAnchor;
        float[] skip = blockSkip;
        int[] kept = blockKept;
        int[][] keptRow = blockKeptRow;
        float[][] keptApprox = blockKeptApprox;
        for (int i = 0; i < count; i++) {
            column[i] = ss[i].anchor;
            skip[i] = ss[i].skip;
            kept[i] = ss[i].pendingCount;
            keptRow[i] = ss[i].pendingRow;
            keptApprox[i] = ss[i].pendingApprox;
        }
        // most kept (a random-like batch): store always, advance by the comparison; else branch (rarely taken)
        long scanned = 0;
        long keptSoFar = 0;
        for (int i = 0; i < count; i++) {
            scanned += ss[i].start;
            keptSoFar += ss[i].pendingCount;
        }
        boolean dense = keptSoFar * 2 > scanned;
        int active = 0;
        for (int x = ss[0].end; x < rows; x++) {
            while (active < count && ss[active].end <= x) {
                active++;
            }
            float[] mx = triangle[x];
            if (dense) {
                for (int i = 0; i < active; i++) {
                    float f = mx[column[i]];
                    int n = kept[i];
                    keptRow[i][n] = x;
                    keptApprox[i][n] = f;
                    kept[i] = n + (f <= skip[i] ? 1 : 0);
                }
            } else {
                for (int i = 0; i < active; i++) {
                    float f = mx[column[i]];
                    if (f <= skip[i]) {
                        int n = kept[i];
                        keptRow[i][n] = x;
                        keptApprox[i][n] = f;
                        kept[i] = n + 1;
                    }
                }
            }
        }
        for (int i = 0; i < count; i++) {
            ss[i].pendingCount = kept[i];
        }
    }

    /** Buckets, counts and emits one anchor's pairs. */
    private void finish(Slot s, float[][] triangle, float[] fullRow, Output out, SplittableRandom random) {
        int found = s.bounded ? bucketPending(s) : scanExact(s);
        int k = s.cutCount;
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
                ordered[fill[negBucket[i]]++] = s.pendingRow[i];
            }
        }
        int hardest = needArgMin ? hardestNegative(s, triangle, fullRow) : -1;
        emit(s, hardest, out, random);
    }

    /**
     * Buckets the pending negatives in place (rows in {@code pendingRow}, buckets in {@code negativeBucket}),
     * dropping those beyond every cut; by bisection when few, else through a table of cells over the cut range.
     * Returns how many are kept.
     */
    private int bucketPending(Slot s) {
        int n = s.pendingCount;
        int[] negRow = s.pendingRow;
        int[] negBucket = negativeBucket;
        float[] pendingF = s.pendingApprox;
        int k = s.cutCount;
        int kept = 0;
        if (n <= FEW_PENDING) {
            for (int i = 0; i < n; i++) {
                int x = negRow[i];
                float f = pendingF[i];
                int b = resolve(s, x, f, highsBelow(s, f));
                negRow[kept] = x;
                negBucket[kept] = b;
                kept += b < k ? 1 : 0;
            }
        } else {
            buildCells(s, Math.min(MAX_CELLS, Integer.highestOneBit(n) * 2));
            float base = cellBase;
            float scale = cellScale;
            int last = cellCount - 1;
            int[] table = cells;
            for (int i = 0; i < n; i++) {
                int x = negRow[i];
                float f = pendingF[i];
                int b = table[Math.max(0, Math.min((int) ((f - base) * scale), last))];
                if (b < 0) {
                    b = resolve(s, x, f, -1 - b);
                }
                negRow[kept] = x;
                negBucket[kept] = b;
                kept += b < k ? 1 : 0;
            }
        }
        return kept;
    }

    /** Number of cuts whose {@code cutHigh} is below {@code f} (bisection). */
    private static int highsBelow(Slot s, float f) {
        int lo = 0;
        int hi = s.cutCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.cutHigh[mid] < f) {
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
    private void buildCells(Slot s, int count) {
        int k = s.cutCount;
        cellCount = count;
        float lo = s.cutLow[0];
        float hi = s.cutHigh[k - 1];
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
            int first = cell(s.cutLow[j]);
            int last = cell(s.cutHigh[j]);
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
    private int resolve(Slot s, int x, float f, int from) {
        int k = s.cutCount;
        int j = from;
        while (j < k && s.cutHigh[j] < f) {
            j++;
        }
        if (j == k || s.cutLow[j] > f) {
            return j;
        }
        return countBelow(s, batch.exactDistance(s.anchor, x), j);
    }

    /** Number of cuts strictly below {@code v}, knowing that the first {@code from} are. */
    private static int countBelow(Slot s, double v, int from) {
        int j = from;
        while (j < s.cutCount && s.cuts[j] < v) {
            j++;
        }
        return j;
    }

    /**
     * Every decision from the exact distance: embeddings at extreme scales, or thresholds too small for the bound.
     * Returns how many negatives are kept (rows in {@code pendingRow}, buckets in {@code negativeBucket}).
     */
    private int scanExact(Slot s) {
        int n = 0;
        for (int x = s.start == 0 ? s.end : 0; x < rows; x = x + 1 == s.start ? s.end : x + 1) {
            int b = countBelow(s, batch.exactDistance(s.anchor, x), 0);
            s.pendingRow[n] = x;
            negativeBucket[n] = b;
            n += b < s.cutCount ? 1 : 0;
        }
        return n;
    }

    /**
     * The negative with the smallest exact distance, lowest row on ties. With the float path only rows whose lower
     * bound does not exceed the upper bound of the smallest float need their exact distance.
     */
    private int hardestNegative(Slot s, float[][] triangle, float[] fullRow) {
        boolean useApprox = s.bounded && (triangle != null || fullRow != null);
        int a = s.anchor;
        double limit = Double.POSITIVE_INFINITY;
        if (useApprox) {
            float minApprox = Float.POSITIVE_INFINITY;
            for (int x = s.start == 0 ? s.end : 0; x < rows; x = x + 1 == s.start ? s.end : x + 1) {
                minApprox = Math.min(minApprox, approximate(triangle, fullRow, a, x));
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
        for (int x = s.start == 0 ? s.end : 0; x < rows; x = x + 1 == s.start ? s.end : x + 1) {
            if (useApprox && approximate(triangle, fullRow, a, x) > limit) {
                continue;
            }
            double d = batch.exactDistance(a, x);
            if (best < 0 || d < bestDistance) {
                best = x;
                bestDistance = d;
            }
        }
        return best;
    }

    private static float approximate(float[][] triangle, float[] fullRow, int a, int x) {
        if (triangle == null) {
            return fullRow[x];
        }
        return x < a ? triangle[a][x] : triangle[x][a];
    }

    private void emit(Slot s, int hardest, Output out, SplittableRandom random) {
        int[] bs = bucketStart;
        int a = s.anchor;
        for (int i = 0; i < s.pairs; i++) {
            int p = s.positiveRow[i];
            int hi = bs[s.upperBucket[i] + 1];
            int lo = semihard ? Math.min(bs[s.lowerBucket[i] + 1], hi) : 0;
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
