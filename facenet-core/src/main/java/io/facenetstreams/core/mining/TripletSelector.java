package io.facenetstreams.core.mining;

import io.facenetstreams.core.data.Seeds;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Fast triplet selection with exactly the candidate sets of {@link ReferenceTripletSelection} (the literal port of the
 * reference's {@code select_triplets}), every decision taken on the port's own double distances, ties included.
 *
 * <p>How: approximate float distances for the whole batch at once ({@link ApproximateDistances}: auto-vectorized,
 * with a rigorous error bound), computed once per pair (the lower triangle) when the matrix fits in memory, in
 * blocks of anchors otherwise; then per anchor a bucketing of its negatives by decision threshold
 * ({@link AnchorMiner}), exact distances only where the bound cannot decide. Anchors are split in fixed blocks;
 * block {@code i} draws from its own random stream derived from the seed and {@code i}, so the result depends on
 * the seed only, not on the thread count or timing. Candidate picks are uniform but need not be the same elements
 * the port would draw.
 *
 * <p>Thread-safe: one instance may serve concurrent calls.
 */
public final class TripletSelector {

    /** Anchors per block: the unit of work and of random streams. */
    static final int ANCHOR_BLOCK = 16;
    /** Rows per block of the symmetric (lower-triangle) distance pass. */
    private static final int ROW_BLOCK = 32;
    /**
     * Up to this many rows the lower triangle of the float distance matrix is kept (about rows^2 x 2 bytes: 64 MiB
     * at 5792 rows) and each distance computed once; above, distances are computed per block of anchors, twice.
     */
    static final int DEFAULT_SYMMETRIC_MAX_ROWS = 5792;

    private final int parallelism;
    private final Executor executor;
    private final int symmetricMaxRows;
    /** The triangle of the last symmetric call, reused by the next of the same size (held while idle: up to 64 MiB). */
    private final AtomicReference<float[][]> spareMatrix = new AtomicReference<>();

    /** Uses every available processor, with helpers from the common fork-join pool. */
    public TripletSelector() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public TripletSelector(int parallelism) {
        this(parallelism, ForkJoinPool.commonPool());
    }

    /** {@code parallelism - 1} helper tasks go to {@code executor}; the calling thread always works too. */
    public TripletSelector(int parallelism, Executor executor) {
        this(parallelism, executor, DEFAULT_SYMMETRIC_MAX_ROWS);
    }

    TripletSelector(int parallelism, Executor executor, int symmetricMaxRows) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.executor = executor;
        this.symmetricMaxRows = symmetricMaxRows;
    }

    /**
     * Selects triplets from a people-batch.
     *
     * @param embeddings     {@code rows x dim} values, row-major (the network's float32 outputs, widened)
     * @param dim            embedding size
     * @param imagesPerClass images of each class; classes are contiguous in row order (the reference's {@code emb_array})
     * @param options        strategy, alpha, seed, whether to report per-pair candidate counts
     * @throws IllegalArgumentException for non-finite values (naming row and component), or sizes that do not match
     */
    public TripletSelection select(double[] embeddings, int dim, int[] imagesPerClass, SelectionOptions options) {
        long started = System.nanoTime();
        ClassBlocks batch = ClassBlocks.of(embeddings, dim, imagesPerClass);
        MiningStrategy strategy = options.strategy();
        int[] anchors = anchors(batch, strategy);
        int blocks = (anchors.length + ANCHOR_BLOCK - 1) / ANCHOR_BLOCK;
        AnchorMiner.Output[] outputs = new AnchorMiner.Output[blocks];
        boolean hasNegatives = batch.nonEmptyClasses() > 1;
        ApproximateDistances approx = hasNegatives && anchors.length > 0 ? new ApproximateDistances(batch) : null;
        // below about a millisecond of work, handing blocks to another thread costs more than it saves
        int threads = (long) batch.rows() * batch.rows() * dim < (1L << 22) ? 1 : parallelism;
        Supplier<AnchorMiner> miners = () -> new AnchorMiner(batch, approx, options, ANCHOR_BLOCK);

        if (approx != null && approx.usable() && batch.rows() <= symmetricMaxRows
                && (long) batch.rows() * batch.rows() * 2 < Runtime.getRuntime().maxMemory() / 8) {
            float[][] matrix = takeMatrix(batch.rows());
            symmetricDistances(approx, batch.rows(), matrix, threads);
            ParallelBlocks.run(blocks, threads, executor, miners,
                    (miner, block) -> outputs[block] = mineBlock(miner, anchors, block, options, matrix));
            spareMatrix.set(matrix);
        } else if (approx != null && approx.usable()) {
            ParallelBlocks.run(blocks, threads, executor, () -> new BlockWorker(miners.get(), approx, batch.rows()),
                    (worker, block) -> outputs[block] = worker.mineBlock(anchors, block, options));
        } else {
            // no negatives, or embeddings at a scale the float path cannot take: exact distances only
            ParallelBlocks.run(blocks, threads, executor, miners,
                    (miner, block) -> outputs[block] = mineBlock(miner, anchors, block, options, null));
        }

        long pairs = 0;
        IntList[] tripletLists = new IntList[blocks];
        IntList[] candidateLists = new IntList[blocks];
        for (int b = 0; b < blocks; b++) {
            pairs += outputs[b].pairs;
            tripletLists[b] = outputs[b].triplets;
            candidateLists[b] = outputs[b].candidates;
        }
        int[] triplets = IntList.concat(tripletLists);
        SplittableRandom shuffle = blockRandom(options.seed(), -1);
        IntList.shuffleTriples(triplets, shuffle::nextInt);
        int[] perPair = options.candidatesPerPair() ? IntList.concat(candidateLists) : null;
        String note = TripletSelection.noteFor(batch, strategy, options.alpha(), pairs, triplets.length / 3);
        return new TripletSelection(strategy, options.alpha(), batch.rows(), dim, pairs, triplets, perPair,
                System.nanoTime() - started, note);
    }

    /** Mines anchor block {@code block} from the lower triangle (null: exact distances only). */
    private static AnchorMiner.Output mineBlock(AnchorMiner miner, int[] anchors, int block, SelectionOptions options,
                                                float[][] triangle) {
        AnchorMiner.Output out = new AnchorMiner.Output(options.candidatesPerPair());
        int from = block * ANCHOR_BLOCK;
        miner.mineBlock(anchors, from, Math.min(anchors.length, from + ANCHOR_BLOCK), triangle, null, out,
                blockRandom(options.seed(), block));
        return out;
    }

    /** The anchors in batch order: the reference's (every image but the last of its class) or batch-hard's. */
    static int[] anchors(ClassBlocks batch, MiningStrategy strategy) {
        int count = 0;
        boolean batchHard = strategy == MiningStrategy.BATCH_HARD;
        if (batchHard && batch.nonEmptyClasses() < 2) {
            return new int[0];
        }
        for (int c = 0; c < batch.classes(); c++) {
            int n = batch.classSize(c);
            count += n < 2 ? 0 : batchHard ? n : n - 1;
        }
        int[] anchors = new int[count];
        int i = 0;
        for (int c = 0; c < batch.classes(); c++) {
            int n = batch.classSize(c);
            if (n < 2) {
                continue;
            }
            int start = batch.classStart(c);
            for (int r = start; r < start + (batchHard ? n : n - 1); r++) {
                anchors[i++] = r;
            }
        }
        return anchors;
    }

    /** The random stream of anchor block {@code block} (-1: the final shuffle), from the seed alone. */
    static SplittableRandom blockRandom(long seed, long block) {
        return new SplittableRandom(Seeds.mix64(seed + 0x9E3779B97F4A7C15L * (block + 2)));
    }

    /**
     * The lower triangle of the float distance matrix: row {@code r} of block {@code [r0, r1)} gets columns
     * {@code [0, r1)}; the miner reads the distances to later rows down the anchor's column instead (the float
     * kernel is symmetric bit for bit), which costs less than mirroring the triangle.
     */
    private void symmetricDistances(ApproximateDistances approx, int rows, float[][] m, int threads) {
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        ParallelBlocks.run(blocks, threads, executor, () -> new float[approx.paddedDim()], (scratch, task) -> {
            int block = blocks - 1 - task; // largest first, for balance
            int r0 = block * ROW_BLOCK;
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int r = r0; r < r1; r++) {
                Arrays.fill(m[r], 0, r1, 0f);
                approx.anchorValues(r, scratch);
                approx.row(scratch, m[r], 0, r1);
            }
        });
    }

    /**
     * The lower triangle for {@code rows} rows, row {@code r} holding columns {@code [0, end of r's block)}: the one
     * kept from the previous call when it has the same size (allocating and zeroing 6.5 MB for a default batch
     * cost a millisecond), else a new one. Every entry that a call reads it writes first.
     */
    private float[][] takeMatrix(int rows) {
        float[][] m = spareMatrix.getAndSet(null);
        if (m != null && m.length == rows) {
            return m;
        }
        m = new float[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = new float[Math.min(rows, (r / ROW_BLOCK + 1) * ROW_BLOCK)];
        }
        return m;
    }

    /** One worker of the blocked pass: distances of a block of anchors to every row, then their selection. */
    private static final class BlockWorker {
        private final AnchorMiner miner;
        private final ApproximateDistances approx;
        private final int rows;
        private final float[][] distances = new float[ANCHOR_BLOCK][];
        private final float[] scratch;

        BlockWorker(AnchorMiner miner, ApproximateDistances approx, int rows) {
            this.miner = miner;
            this.approx = approx;
            this.rows = rows;
            this.scratch = new float[approx.paddedDim()];
            for (int i = 0; i < ANCHOR_BLOCK; i++) {
                distances[i] = new float[rows];
            }
        }

        AnchorMiner.Output mineBlock(int[] anchors, int block, SelectionOptions options) {
            int from = block * ANCHOR_BLOCK;
            int to = Math.min(anchors.length, from + ANCHOR_BLOCK);
            computeDistances(anchors, from, to);
            AnchorMiner.Output out = new AnchorMiner.Output(options.candidatesPerPair());
            miner.mineBlock(anchors, from, to, null, distances, out, blockRandom(options.seed(), block));
            return out;
        }

        /**
         * Each anchor against all rows. Not tiled: the transposed floats (9 MB at 18,000 x 128) stream from L3 fast
         * enough; 1024-row tiles that stay in L2 measured 20 % slower (shorter vector loops).
         */
        private void computeDistances(int[] anchors, int from, int to) {
            for (int i = from; i < to; i++) {
                Arrays.fill(distances[i - from], 0f);
                approx.anchorValues(anchors[i], scratch);
                approx.row(scratch, distances[i - from], 0, rows);
            }
        }
    }
}
