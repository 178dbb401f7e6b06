package io.facenetstreams.core.mining;

import java.util.concurrent.Executor;

/**
 * The exact distances between images of the same class (the positives), bit-identical to the port's
 * {@link BatchLayout#exactDistance}. Computed per row offset {@code o}: {@code d(a, a + o)} for every row {@code a}
 * of the span of classes larger than {@code o}, as one long loop over rows that C2 vectorizes (per anchor the loops
 * would be a class long, too short to vectorize well). Entries pairing two classes are computed and never read.
 * The i-k-j order accumulates {@code (a_k - x_k)^2} from {@code k = 0} up, the port's own sequence of operations.
 */
final class SameClassDistances {

    /** Above this many doubles (8 bytes each) the caller computes positives per anchor instead. */
    static final long MAX_VALUES = 16L << 20;
    /** Rows per task: a chunk's columns (256 + offsets, x dim doubles) stay in L2 across all offsets. */
    private static final int CHUNK = 256;

    private final double[][] byOffset;

    private SameClassDistances(double[][] byOffset) {
        this.byOffset = byOffset;
    }

    /** Null when the table would exceed {@link #MAX_VALUES} (a very large class). */
    static SameClassDistances compute(BatchLayout batch, double[][] exactColumns, int parallelism, Executor executor) {
        int maxOffset = batch.largestClass() - 1;
        int rows = batch.rows();
        if (maxOffset < 1 || (long) maxOffset * rows > MAX_VALUES) {
            return maxOffset < 1 ? new SameClassDistances(new double[0][]) : null;
        }
        // span of rows a for which d(a, a + o) is needed: from the first to the last class larger than o
        int[] from = new int[maxOffset + 1];
        int[] to = new int[maxOffset + 1];
        for (int o = 1; o <= maxOffset; o++) {
            from[o] = -1;
            for (int c = 0; c < batch.classes(); c++) {
                if (batch.classSize(c) > o) {
                    if (from[o] < 0) {
                        from[o] = batch.classStart(c);
                    }
                    to[o] = batch.classStart(c) + batch.classSize(c) - o;
                }
            }
        }
        double[][] byOffset = new double[maxOffset][rows];
        int chunks = (rows + CHUNK - 1) / CHUNK;
        ParallelBlocks.run(chunks, parallelism, executor, () -> Boolean.TRUE, (unused, chunk) -> {
            int r0 = chunk * CHUNK;
            int r1 = Math.min(rows, r0 + CHUNK);
            for (int o = 1; o <= maxOffset; o++) {
                int a0 = Math.max(r0, from[o]);
                int a1 = Math.min(r1, to[o]);
                if (a0 < a1) {
                    accumulate(exactColumns, byOffset[o - 1], o, a0, a1);
                }
            }
        });
        return new SameClassDistances(byOffset);
    }

    /**
     * {@code acc[a] = d(a, a + o)} for {@code a} in {@code [from, to)}. One loop nest only: a second inner loop in
     * the method stops C2 from vectorizing it (JDK 17).
     */
    private static void accumulate(double[][] columns, double[] acc, int o, int from, int to) {
        for (double[] t : columns) {
            for (int a = from; a < to; a++) {
                double d = t[a] - t[a + o];
                acc[a] += d * d;
            }
        }
    }

    /** Exact distance between two distinct rows of the same class. */
    double between(int a, int b) {
        return a < b ? byOffset[b - a - 1][a] : byOffset[a - b - 1][b];
    }
}
