package io.facenetstreams.core.mining;

import io.facenetstreams.core.data.Seeds;

import java.util.Objects;

/**
 * What to select and how.
 *
 * @param strategy          the mining strategy
 * @param alpha             the triplet-loss margin (the reference's {@code --alpha}, default 0.2); finite and {@code >= 0}
 * @param seed              the seed of every random choice (negative picks, the final shuffle)
 * @param candidatesPerPair whether to report, for every pair, the number of candidate negatives
 */
public record SelectionOptions(MiningStrategy strategy, double alpha, long seed, boolean candidatesPerPair) {

    /** The reference's default margin. */
    public static final double DEFAULT_ALPHA = 0.2;

    public SelectionOptions {
        Objects.requireNonNull(strategy, "strategy");
        if (!Double.isFinite(alpha) || alpha < 0) {
            throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
        }
    }

    /** The options for selecting in people-batch {@code sequence} of a run seeded with {@code runSeed}. */
    public static SelectionOptions forPeopleBatch(MiningStrategy strategy, double alpha, long runSeed, long sequence) {
        return new SelectionOptions(strategy, alpha, Seeds.derive(runSeed, Seeds.SELECT_STREAM, sequence), false);
    }

    /** The reference's rule with its default margin. */
    public static SelectionOptions referenceDefaults(long seed) {
        return new SelectionOptions(MiningStrategy.VGGFACE, DEFAULT_ALPHA, seed, false);
    }
}
