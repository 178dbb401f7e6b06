package io.facenetstreams.core.data;

/**
 * Derives independent seeds from a base seed and coordinates (a sequence number, an identity, an
 * image index), so that any unit of random work can be reproduced on its own, in any order and on
 * any thread.
 */
public final class Seeds {

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
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
