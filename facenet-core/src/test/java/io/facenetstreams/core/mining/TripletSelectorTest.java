package io.facenetstreams.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The fast selector against the literal port ({@link ReferenceTripletSelection}, itself checked against hand computation
 * and numpy in {@link ReferenceTripletSelectionTest}): same candidate count for every pair and strategy, over many
 * random, clustered and tie-laden batches; every chosen negative a candidate; uniform picks; determinism.
 */
class TripletSelectorTest {

    private static final TripletSelector FAST = new TripletSelector(2);
    /** Forces the blocked (non-symmetric) distance pass that large batches take. */
    private static final TripletSelector BLOCKED = new TripletSelector(3, ForkJoinPool.commonPool(), 0);

    /** A test batch: embeddings plus how they were made, for failure messages. */
    record Batch(String description, double[] values, int dim, int[] perClass) {
        int rows() {
            return values.length / dim;
        }
    }

    @Test
    void candidateCountsEqualThePortsForEveryStrategyOnManyBatches() {
        SplittableRandom random = new SplittableRandom(4242);
        int[] dims = {1, 2, 3, 5, 8, 16, 31, 64, 128, 130, 512};
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            Batch batch = switch (i % 3) {
                case 0 -> clustered(random, dims[random.nextInt(dims.length)]);
                case 1 -> gaussian(random, dims[random.nextInt(dims.length)]);
                default -> dyadicTies(random, 1 + random.nextInt(6));
            };
            double alpha = switch (random.nextInt(5)) {
                case 0 -> 0.0;
                case 1 -> 0.2;
                case 2 -> 0.25; // dyadic: exact ties on dyadic batches
                case 3 -> 8.0; // larger than any distance of unit vectors
                default -> random.nextDouble();
            };
            for (MiningStrategy strategy : MiningStrategy.values()) {
                SelectionOptions options = new SelectionOptions(strategy, alpha, random.nextLong(), true);
                TripletSelection expected = ReferenceTripletSelection.select(batch.values(), batch.dim(), batch.perClass(), options);
                TripletSelector selector = i % 4 == 3 ? BLOCKED : FAST;
                TripletSelection actual = selector.select(batch.values(), batch.dim(), batch.perClass(), options);
                assertSameCandidates(batch, options, expected, actual);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(60 * MiningStrategy.values().length);
    }

    /** The reference's default batch shape (45 x 40 x 128) at three spreads: from trained-like to random-like. */
    @Test
    void defaultSizedBatchesMatchThePort() {
        for (double spread : new double[] {0.6, 1.2, 3.0}) {
            LabeledEmbeddings e = SyntheticEmbeddings.clustered(45, 40, 128, spread, 17);
            Batch batch = new Batch("45x40x128 spread " + spread, e.values(), 128, e.imagesPerClass());
            for (MiningStrategy strategy : List.of(MiningStrategy.VGGFACE, MiningStrategy.SEMIHARD)) {
                SelectionOptions options = new SelectionOptions(strategy, 0.2, 11, true);
                assertSameCandidates(batch, options,
                        ReferenceTripletSelection.select(batch.values(), batch.dim(), batch.perClass(), options),
                        FAST.select(batch.values(), batch.dim(), batch.perClass(), options));
            }
        }
    }

    @Test
    void exactTiesAtTheMarginAreNotCandidates() {
        // Dyadic values: every difference and square is exact. Anchor (0, 0), positive (0.5, 0): pos = 0.25; alpha
        // 0.25 puts the margin at neg = 0.5 exactly, and 0.5 - 0.25 < 0.25 is false (strict <).
        double[] e = {
            0.0, 0.0, // class A: anchor
            0.5, 0.0, // class A: positive, pos = 0.25
            0.5, 0.5, // neg 0.5: 0.5 - 0.25 = 0.25, not < 0.25
            0.75, 0.0, // neg 0.5625: no
            -0.5, 0.0, // neg 0.25: yes (and not semi-hard: pos < neg fails, 0.25 < 0.25 is false)
            0.625, 0.0, // neg 0.390625: yes, and semi-hard
        };
        int[] perClass = {2, 4};
        for (TripletSelector selector : List.of(FAST, BLOCKED)) {
            TripletSelection vgg = selector.select(e, 2, perClass, new SelectionOptions(MiningStrategy.VGGFACE, 0.25, 1, true));
            assertThat(Arrays.copyOf(vgg.candidatesPerPair(), 3)).containsExactly(0, 1, 2);
            TripletSelection semi = selector.select(e, 2, perClass, new SelectionOptions(MiningStrategy.SEMIHARD, 0.25, 1, true));
            assertThat(Arrays.copyOf(semi.candidatesPerPair(), 3)).containsExactly(0, 1, 1);
            assertThat(ReferenceTripletSelectionTest.triples(semi)).contains(List.of(0, 1, 5));
            // alpha 0: candidates need neg < pos strictly; -0.5 (neg 0.25 == pos) is not one
            TripletSelection zero = selector.select(e, 2, perClass, new SelectionOptions(MiningStrategy.VGGFACE, 0.0, 1, true));
            assertThat(Arrays.copyOf(zero.candidatesPerPair(), 3)).containsExactly(0, 1, 0);
        }
    }

    @Test
    void extremeScalesFallBackToExactDistancesWithTheSameResults() {
        SplittableRandom random = new SplittableRandom(7);
        for (double scale : new double[] {1e-200, 1e-30, 1e30, 1e200}) {
            Batch base = clustered(random, 8);
            double[] scaled = base.values().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= scale;
            }
            Batch batch = new Batch(base.description() + " x " + scale, scaled, base.dim(), base.perClass());
            double alpha = 0.2 * scale * scale;
            if (!Double.isFinite(alpha)) {
                alpha = Double.MAX_VALUE;
            }
            for (MiningStrategy strategy : MiningStrategy.values()) {
                SelectionOptions options = new SelectionOptions(strategy, alpha, 5, true);
                assertSameCandidates(batch, options,
                        ReferenceTripletSelection.select(batch.values(), batch.dim(), batch.perClass(), options),
                        FAST.select(batch.values(), batch.dim(), batch.perClass(), options));
            }
        }
    }

    @Test
    void resultDependsOnTheSeedOnlyNotOnThreadsOrThePath() {
        SplittableRandom random = new SplittableRandom(99);
        Batch batch = clustered(random, 32);
        for (MiningStrategy strategy : MiningStrategy.values()) {
            SelectionOptions options = new SelectionOptions(strategy, 0.3, 1234, true);
            TripletSelection a = new TripletSelector(1).select(batch.values(), batch.dim(), batch.perClass(), options);
            TripletSelection b = FAST.select(batch.values(), batch.dim(), batch.perClass(), options);
            TripletSelection c = BLOCKED.select(batch.values(), batch.dim(), batch.perClass(), options);
            assertThat(b.triplets()).as(strategy.cliName()).isEqualTo(a.triplets());
            assertThat(c.triplets()).as(strategy.cliName()).isEqualTo(a.triplets());
            assertThat(c.candidatesPerPair()).isEqualTo(a.candidatesPerPair());
        }
        SelectionOptions one = new SelectionOptions(MiningStrategy.VGGFACE, 0.3, 1, false);
        SelectionOptions two = new SelectionOptions(MiningStrategy.VGGFACE, 0.3, 2, false);
        TripletSelection first = FAST.select(batch.values(), batch.dim(), batch.perClass(), one);
        assertThat(first.tripletCount()).isGreaterThan(10);
        assertThat(FAST.select(batch.values(), batch.dim(), batch.perClass(), two).triplets())
                .isNotEqualTo(first.triplets());
        assertThat(first.hasCandidatesPerPair()).isFalse();
        assertThat(first.candidatesPerPair()).isEmpty();
    }

    /**
     * One pair with five candidates: over 5000 seeds each should be drawn about 1000 times. Chi-square with 4
     * degrees of freedom; 18.47 is its 0.999 quantile, so a fair pick fails this test once in a thousand seeds'
     * worth of runs (the seeds are fixed, so it is deterministic) and a biased one (e.g. always the first, or one
     * candidate twice as likely) fails it surely.
     */
    @Test
    void theNegativeIsDrawnUniformlyAmongTheCandidates() {
        // 1-d: anchor 0, positive 1 (pos 1); negatives at distance^2 0.04..1.16 are candidates with alpha 0.2
        // (neg - 1 < 0.2), the two at 2.25 and 4 are not.
        double[] e = {0.0, 1.0, 0.2, 0.5, 0.7, -0.9, 1.05, 1.5, -2.0};
        int[] perClass = {2, 7};
        int[] counts = new int[e.length];
        int draws = 5000;
        for (int seed = 0; seed < draws; seed++) {
            TripletSelection s = FAST.select(e, 1, perClass, new SelectionOptions(MiningStrategy.VGGFACE, 0.2, seed, false));
            for (int t = 0; t < s.tripletCount(); t++) {
                if (s.anchor(t) == 0 && s.positive(t) == 1) {
                    counts[s.negative(t)]++;
                }
            }
        }
        assertThat(counts[7]).isZero();
        assertThat(counts[8]).isZero();
        double expected = draws / 5.0;
        double chiSquare = 0;
        for (int x = 2; x <= 6; x++) {
            chiSquare += (counts[x] - expected) * (counts[x] - expected) / expected;
        }
        assertThat(chiSquare).as("chi-square of %s", Arrays.toString(counts)).isLessThan(18.47);
    }

    @Test
    void singleClassGivesPairsButNoTripletsAndSaysWhy() {
        double[] e = new double[5 * 3];
        Arrays.setAll(e, i -> i * 0.1);
        TripletSelection s = FAST.select(e, 3, new int[] {5}, new SelectionOptions(MiningStrategy.VGGFACE, 0.2, 1, true));
        assertThat(s.pairsConsidered()).isEqualTo(10); // 5 * 4 / 2, as the reference counts them
        assertThat(s.tripletCount()).isZero();
        assertThat(s.note()).contains("single class");
        assertThat(s.candidatesPerPair()).hasSize(30);
        TripletSelection bh = FAST.select(e, 3, new int[] {5}, new SelectionOptions(MiningStrategy.BATCH_HARD, 0.2, 1, true));
        assertThat(bh.pairsConsidered()).isZero();
        assertThat(bh.note()).contains("single class");
    }

    @Test
    void classesOfOneImageGiveNoPairs() {
        double[] e = {0.0, 1.0, 2.0};
        TripletSelection s = FAST.select(e, 1, new int[] {1, 1, 1}, SelectionOptions.referenceDefaults(1));
        assertThat(s.pairsConsidered()).isZero();
        assertThat(s.tripletCount()).isZero();
        assertThat(s.note()).contains("no class has two or more images");
        TripletSelection empty = FAST.select(new double[0], 4, new int[0], SelectionOptions.referenceDefaults(1));
        assertThat(empty.pairsConsidered()).isZero();
    }

    @Test
    void nothingWithinTheMarginIsSaidToo() {
        double[] e = {0.0, 0.1, 10.0, 10.1};
        TripletSelection s = FAST.select(e, 1, new int[] {2, 2}, SelectionOptions.referenceDefaults(1));
        assertThat(s.pairsConsidered()).isEqualTo(2);
        assertThat(s.tripletCount()).isZero();
        assertThat(s.note()).contains("no negative satisfies the vggface rule");
    }

    @Test
    void nonFiniteInputIsRejectedNamingRowAndComponent() {
        double[] e = new double[4 * 3];
        e[2 * 3 + 1] = Double.NaN;
        assertThatThrownBy(() -> FAST.select(e, 3, new int[] {2, 2}, SelectionOptions.referenceDefaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2").hasMessageContaining("component 1").hasMessageContaining("NaN");
        e[2 * 3 + 1] = 0;
        e[3 * 3] = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> ReferenceTripletSelection.select(e, 3, new int[] {2, 2}, SelectionOptions.referenceDefaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 3").hasMessageContaining("component 0").hasMessageContaining("Infinity");
    }

    @Test
    void mismatchedSizesAndBadOptionsAreRejected() {
        assertThatThrownBy(() -> FAST.select(new double[10], 3, new int[] {2, 2}, SelectionOptions.referenceDefaults(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 values").hasMessageContaining("4 rows of dim 3");
        assertThatThrownBy(() -> FAST.select(new double[6], 0, new int[] {2}, SelectionOptions.referenceDefaults(1)))
                .hasMessageContaining("dim must be >= 1");
        assertThatThrownBy(() -> FAST.select(new double[6], 3, new int[] {3, -1}, SelectionOptions.referenceDefaults(1)))
                .hasMessageContaining("imagesPerClass[1] is -1");
        assertThatThrownBy(() -> new SelectionOptions(MiningStrategy.HARD, Double.NaN, 1, false))
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> new SelectionOptions(MiningStrategy.HARD, -0.1, 1, false))
                .hasMessageContaining("alpha");
    }

    @Test
    void strategiesParseFromTheirCliNames() {
        assertThat(MiningStrategy.fromName("batch-hard")).isEqualTo(MiningStrategy.BATCH_HARD);
        assertThat(MiningStrategy.fromName("SemiHard")).isEqualTo(MiningStrategy.SEMIHARD);
        assertThat(MiningStrategy.fromName("batch_hard")).isEqualTo(MiningStrategy.BATCH_HARD);
        assertThatThrownBy(() -> MiningStrategy.fromName("hardest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hardest'")
                .hasMessageContaining("vggface, semihard, hard, all, batch-hard");
    }

    @Test
    void largestCandidateIsTheExactThresholdOfTheRule() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20000; i++) {
            double pos = i % 3 == 0 ? random.nextInt(64) / 16.0 : random.nextDouble() * Math.pow(10, random.nextInt(-8, 8));
            double alpha = i % 5 == 0 ? 0.0 : random.nextDouble() * Math.pow(10, random.nextInt(-8, 8));
            double x = MarginRule.largestCandidate(pos, alpha);
            assertThat(x - pos < alpha).as("pos %s alpha %s x %s", pos, alpha, x).isTrue();
            double up = Math.nextUp(x);
            assertThat(up - pos < alpha).as("pos %s alpha %s next %s", pos, alpha, up).isFalse();
        }
        assertThat(MarginRule.largestCandidate(0.0, 0.0)).isEqualTo(-Double.MIN_VALUE);
        // MAX - 1 rounds to MAX, which is not < MAX; the ulp below it is
        assertThat(MarginRule.largestCandidate(1.0, Double.MAX_VALUE)).isEqualTo(Math.nextDown(Double.MAX_VALUE));
        assertThat(MarginRule.largestCandidate(Double.POSITIVE_INFINITY, 0.2)).isEqualTo(Double.MAX_VALUE);
    }

    // ---- checks

    private static void assertSameCandidates(Batch batch, SelectionOptions options, TripletSelection expected,
                                             TripletSelection actual) {
        String what = batch.description() + ", " + options.strategy().cliName() + ", alpha " + options.alpha();
        assertThat(actual.pairsConsidered()).as(what).isEqualTo(expected.pairsConsidered());
        assertThat(actual.candidatesPerPair()).as(what).isEqualTo(expected.candidatesPerPair());
        assertThat(actual.tripletCount()).as(what).isEqualTo(expected.tripletCount());
        assertThat(actual.note()).as(what).isEqualTo(expected.note());
        switch (options.strategy()) {
            case VGGFACE, SEMIHARD -> {
                // same pairs kept (those with candidates); every chosen negative is one of the pair's candidates
                assertThat(pairs(actual)).as(what).isEqualTo(pairs(expected));
                ClassBlocks layout = ClassBlocks.of(batch.values(), batch.dim(), batch.perClass());
                for (int t = 0; t < actual.tripletCount(); t++) {
                    int a = actual.anchor(t);
                    int n = actual.negative(t);
                    assertThat(layout.classOf(n)).as(what).isNotEqualTo(layout.classOf(a));
                    double pos = layout.exactDistance(a, actual.positive(t));
                    double neg = layout.exactDistance(a, n);
                    boolean candidate = options.strategy() == MiningStrategy.SEMIHARD
                            ? MarginRule.semihard(neg, pos, options.alpha())
                            : MarginRule.withinMargin(neg, pos, options.alpha());
                    assertThat(candidate).as("%s: triplet (%d, %d, %d)", what, a, actual.positive(t), n).isTrue();
                }
            }
            // deterministic choices: the same triplets, in another order
            case HARD, ALL, BATCH_HARD -> assertThat(sorted(actual)).as(what).isEqualTo(sorted(expected));
        }
    }

    private static Set<List<Integer>> pairs(TripletSelection s) {
        Set<List<Integer>> out = new HashSet<>();
        for (int t = 0; t < s.tripletCount(); t++) {
            assertThat(out.add(List.of(s.anchor(t), s.positive(t)))).as("one triplet per pair").isTrue();
        }
        return out;
    }

    private static List<List<Integer>> sorted(TripletSelection s) {
        List<List<Integer>> out = new ArrayList<>(ReferenceTripletSelectionTest.triples(s));
        out.sort((x, y) -> {
            for (int i = 0; i < 3; i++) {
                int c = Integer.compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return out;
    }

    // ---- batches

    /**
     * Uneven class sizes including classes of one image; occasionally a single class, or a class of more than 64
     * images (the selector sorts the pairs of such anchors differently).
     */
    private static int[] sizes(SplittableRandom random) {
        int classes = random.nextInt(8) == 0 ? 1 : 2 + random.nextInt(9);
        int[] sizes = new int[classes];
        for (int c = 0; c < classes; c++) {
            sizes[c] = random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(12);
        }
        if (random.nextInt(6) == 0) {
            sizes[random.nextInt(classes)] = 66 + random.nextInt(30);
        }
        return sizes;
    }

    private static Batch clustered(SplittableRandom random, int dim) {
        int[] sizes = sizes(random);
        double spread = 0.3 + random.nextDouble() * 1.5;
        LabeledEmbeddings e = SyntheticEmbeddings.clustered(sizes, dim, spread, random.nextLong());
        return new Batch("clustered dim " + dim + " spread " + spread + " classes " + Arrays.toString(sizes),
                e.values(), dim, sizes);
    }

    private static Batch gaussian(SplittableRandom random, int dim) {
        int[] sizes = sizes(random);
        int rows = Arrays.stream(sizes).sum();
        double[] v = new double[rows * dim];
        double scale = Math.pow(10, random.nextInt(-3, 4));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return new Batch("uniform dim " + dim + " scale " + scale + " classes " + Arrays.toString(sizes), v, dim, sizes);
    }

    /** Values on a grid of 1/8 in [-1, 1]: distances, differences and the margin 0.25 are exact, so ties abound. */
    private static Batch dyadicTies(SplittableRandom random, int dim) {
        int[] sizes = sizes(random);
        int rows = Arrays.stream(sizes).sum();
        double[] v = new double[rows * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(-8, 9) / 8.0;
        }
        return new Batch("dyadic dim " + dim + " classes " + Arrays.toString(sizes), v, dim, sizes);
    }
}
