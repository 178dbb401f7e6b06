package io.facenetstreams.core.mining;

/**
 * The margin rules exactly as the reference evaluates them, in double, with strict {@code <}, plus the threshold form
 * the fast selector uses: for a fixed {@code pos}, {@code fl(neg - pos)} is monotone in {@code neg}, so
 * {@code neg - pos < alpha} holds exactly for {@code neg <= largestCandidate(pos, alpha)}.
 */
final class MarginRule {

    private MarginRule() {
    }

    /** The VGG-Face rule (the reference's): {@code neg - pos < alpha}. */
    static boolean withinMargin(double neg, double pos, double alpha) {
        return neg - pos < alpha;
    }

    /** FaceNet's semi-hard rule (the reference's commented line): {@code neg - pos < alpha && pos < neg}. */
    static boolean semihard(double neg, double pos, double alpha) {
        return neg - pos < alpha && pos < neg;
    }

    /**
     * The largest double {@code x} with {@code x - pos < alpha} (computed in double, as the reference does), i.e. the
     * last distance the VGG-Face rule accepts. Exists for every {@code pos} (the rule holds at -Infinity and fails
     * at +Infinity for finite alpha).
     */
    static double largestCandidate(double pos, double alpha) {
        double g = pos + alpha;
        // pos + alpha is within an ulp or two of the answer; step there, and bisect only if that fails.
        if (withinMargin(g, pos, alpha)) {
            for (int i = 0; i < 8; i++) {
                double up = Math.nextUp(g);
                if (!withinMargin(up, pos, alpha)) {
                    return g;
                }
                g = up;
            }
        } else {
            for (int i = 0; i < 8; i++) {
                g = Math.nextDown(g);
                if (withinMargin(g, pos, alpha)) {
                    return g;
                }
            }
        }
        return bisect(pos, alpha);
    }

    /** Bisection over the ordered doubles between -Infinity (rule holds) and +Infinity (rule fails). */
    private static double bisect(double pos, double alpha) {
        long lo = orderedKey(Double.NEGATIVE_INFINITY);
        long hi = orderedKey(Double.POSITIVE_INFINITY);
        while (Long.compareUnsigned(hi - lo, 1) > 0) { // unsigned: the key range spans more than 2^63
            long mid = lo + ((hi - lo) >>> 1);
            if (withinMargin(fromOrderedKey(mid), pos, alpha)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return fromOrderedKey(lo);
    }

    /** A long whose signed order is the numeric order of doubles (-0.0 just below +0.0; no NaN). */
    static long orderedKey(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double fromOrderedKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }
}
