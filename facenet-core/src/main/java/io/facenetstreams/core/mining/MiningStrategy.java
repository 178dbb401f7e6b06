package io.facenetstreams.core.mining;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How negatives are chosen for the (anchor, positive) pairs of a people-batch. Distances are squared L2;
 * images of the anchor's class are never negatives; {@code neg} and {@code pos} below are the anchor's
 * squared distances to the negative and the positive.
 */
public enum MiningStrategy {
    /** The reference's rule (VGG-Face): one negative drawn uniformly among those with {@code neg - pos < alpha}. */
    VGGFACE("vggface"),
    /** FaceNet's semi-hard rule (the reference's commented line): {@code neg - pos < alpha} and {@code pos < neg}. */
    SEMIHARD("semihard"),
    /**
     * The hardest negative of each pair (smallest {@code neg}, lowest row on ties), kept only when it satisfies
     * {@code neg - pos < alpha}; its candidate count is the vggface count.
     */
    HARD("hard"),
    /** Every negative with {@code neg - pos < alpha}: one triplet per (pair, candidate). */
    ALL("all"),
    /**
     * Batch-hard (pytorch-metric-learning's BatchHardMiner): every image with a positive and a negative is an
     * anchor once, with its hardest positive (largest same-class distance) and hardest negative (smallest
     * other-class distance), lowest row on ties, always emitted. Its candidate count is the number of negatives
     * with {@code neg - pos < alpha} for that hardest positive.
     */
    BATCH_HARD("batch-hard");

    private final String cliName;

    MiningStrategy(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and on the wire, e.g. {@code batch-hard}. */
    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name (case-insensitive; {@code _} accepted for {@code -}). */
    public static MiningStrategy fromName(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (MiningStrategy s : values()) {
                if (s.cliName.equals(key)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown mining strategy '" + name + "'; valid: " + validNames());
    }

    /** The valid CLI names, comma separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(MiningStrategy::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
