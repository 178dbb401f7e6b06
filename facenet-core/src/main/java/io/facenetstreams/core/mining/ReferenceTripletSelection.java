package io.facenetstreams.core.mining;

import java.util.Random;

/**
 * The literal port of the reference's {@code select_triplets} (train_tripletloss.py), kept as the oracle that the fast
 * {@link TripletSelector} is tested against. For every class, for every anchor {@code j-1} ({@code j = 1..n-1}), it
 * computes the anchor's squared distances to every image of the batch, excludes the anchor's class (the reference sets
 * those entries to NaN so that every comparison with them is false), and for every positive after the anchor
 * takes the candidates of the strategy's rule in row order and draws one uniformly. Pairs considered are counted
 * whether or not a triplet is kept; the triplets are shuffled at the end, all from one {@link Random} seeded by
 * the options (the reference used numpy's global generator).
 *
 * <p>The other strategies ({@code hard}, {@code all}, {@code batch-hard}) are written in the same naive,
 * obviously correct style, as their references. O(pairs x batch) plus O(anchors x batch x dim): slow by design.
 *
 * <p>One deliberate difference: the reference loops over the first {@code people_per_batch} classes only, so images of
 * extra classes (taken when classes are small) never become anchors; the port loops over every class given.
 */
public final class ReferenceTripletSelection {

    private ReferenceTripletSelection() {
    }

    public static TripletSelection select(double[] embeddings, int dim, int[] imagesPerClass, SelectionOptions options) {
        long started = System.nanoTime();
        ClassBlocks batch = ClassBlocks.of(embeddings, dim, imagesPerClass);
        Random random = new Random(options.seed());
        IntList triplets = new IntList(1024);
        IntList candidates = options.candidatesPerPair() ? new IntList(1024) : null;
        long pairs = options.strategy() == MiningStrategy.BATCH_HARD
                ? batchHard(batch, options.alpha(), triplets, candidates)
                : referencePairs(batch, options, random, triplets, candidates);
        int[] flat = IntList.concat(new IntList[] {triplets});
        IntList.shuffleTriples(flat, random::nextInt);
        int[] perPair = candidates == null ? null : IntList.concat(new IntList[] {candidates});
        String note = TripletSelection.noteFor(batch, options.strategy(), options.alpha(), pairs, flat.length / 3);
        return new TripletSelection(options.strategy(), options.alpha(), batch.rows(), dim, pairs, flat, perPair,
                System.nanoTime() - started, note);
    }

    private static long referencePairs(ClassBlocks batch, SelectionOptions options, Random random, IntList triplets,
                                  IntList candidates) {
        MiningStrategy strategy = options.strategy();
        double alpha = options.alpha();
        int rows = batch.rows();
        long pairs = 0;
        int[] allNeg = new int[rows];
        for (int c = 0; c < batch.classes(); c++) {
            int start = batch.classStart(c);
            int n = batch.classSize(c);
            for (int j = 1; j < n; j++) {
                int a = start + j - 1;
                double[] negDists = new double[rows];
                for (int x = 0; x < rows; x++) {
                    negDists[x] = batch.exactDistance(a, x);
                }
                for (int pair = j; pair < n; pair++) {
                    int p = start + pair;
                    double pos = batch.exactDistance(a, p);
                    for (int x = start; x < start + n; x++) {
                        negDists[x] = Double.NaN;
                    }
                    int count = 0;
                    for (int x = 0; x < rows; x++) {
                        boolean candidate = strategy == MiningStrategy.SEMIHARD
                                ? MarginRule.semihard(negDists[x], pos, alpha)
                                : MarginRule.withinMargin(negDists[x], pos, alpha);
                        if (candidate) {
                            allNeg[count++] = x;
                        }
                    }
                    if (candidates != null) {
                        candidates.add3(a, p, count);
                    }
                    if (count > 0) {
                        switch (strategy) {
                            case VGGFACE, SEMIHARD -> triplets.add3(a, p, allNeg[random.nextInt(count)]);
                            case HARD -> triplets.add3(a, p, argMin(negDists));
                            case ALL -> {
                                for (int i = 0; i < count; i++) {
                                    triplets.add3(a, p, allNeg[i]);
                                }
                            }
                            default -> throw new IllegalStateException("unexpected strategy " + strategy);
                        }
                    }
                    pairs++;
                }
            }
        }
        return pairs;
    }

    /** Batch-hard: every image whose class has two images and whose batch has another class is an anchor once. */
    private static long batchHard(ClassBlocks batch, double alpha, IntList triplets, IntList candidates) {
        if (batch.nonEmptyClasses() < 2) {
            return 0;
        }
        long pairs = 0;
        int rows = batch.rows();
        for (int a = 0; a < rows; a++) {
            int c = batch.classOf(a);
            int start = batch.classStart(c);
            int end = start + batch.classSize(c);
            if (end - start < 2) {
                continue;
            }
            double[] d = new double[rows];
            for (int x = 0; x < rows; x++) {
                d[x] = batch.exactDistance(a, x);
            }
            int p = -1;
            for (int x = start; x < end; x++) {
                if (x != a && (p < 0 || d[x] > d[p])) {
                    p = x;
                }
            }
            int n = -1;
            int count = 0;
            for (int x = 0; x < rows; x++) {
                if (x >= start && x < end) {
                    continue;
                }
                if (n < 0 || d[x] < d[n]) {
                    n = x;
                }
                if (MarginRule.withinMargin(d[x], d[p], alpha)) {
                    count++;
                }
            }
            if (candidates != null) {
                candidates.add3(a, p, count);
            }
            triplets.add3(a, p, n);
            pairs++;
        }
        return pairs;
    }

    /** Index of the smallest non-NaN entry, lowest index on ties. */
    private static int argMin(double[] values) {
        int best = -1;
        for (int x = 0; x < values.length; x++) {
            if (!Double.isNaN(values[x]) && (best < 0 || values[x] < values[best])) {
                best = x;
            }
        }
        return best;
    }
}
