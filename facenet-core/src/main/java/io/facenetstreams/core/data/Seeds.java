package io.facenetstreams.core.data;

/**
 * Derives independent seeds from a base seed and coordinates (a sequence number, an identity, an
 * image index), so that any unit of random work can be reproduced on its own, in any order and on
 * any thread.
 */
public final class Seeds {

    /**
     * The first coordinate of each kind of random draw of a people-batch (embedding-time preprocessing,
     * triplet selection, training crops and flips). The sequential baseline and the services use the same
     * coordinates, so a pipeline run draws the same numbers for a batch as the baseline does.
     */
    public static final long EMBED_STREAM = 1;
    public static final long SELECT_STREAM = 2;
    public static final long TRAIN_STREAM = 3;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A seed for the unit of work at {@code coordinates} under {@code seed}. */
    public static long derive(long seed, long... coordinates) {
        long h = mix64(seed ^ 0x5DEECE66DL);
        for (long c : coordinates) {
            h = mix64(h + GOLDEN_GAMMA + mix64(c + GOLDEN_GAMMA));
        }
        return h;
    }

    /** The SplitMix64 / MurmurHash3 finaliser: a bijection that spreads every input bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
