package io.facenetstreams.core.mining;

import java.util.Objects;

/**
 * The triplets selected from one people-batch, as row indices into the batch's embeddings.
 *
 * <p>The arrays are handed out as they are, without copies (a batch mined with {@code all} can hold millions
 * of triplets): callers must not modify them.
 */
public final class TripletSelection {

    private final MiningStrategy strategy;
    private final double alpha;
    private final int rows;
    private final int dim;
    private final long pairsConsidered;
    private final int[] triplets;
    private final int[] candidatesPerPair;
    private final long selectionNanos;
    private final String note;

    TripletSelection(MiningStrategy strategy, double alpha, int rows, int dim, long pairsConsidered,
                     int[] triplets, int[] candidatesPerPair, long selectionNanos, String note) {
        this.strategy = Objects.requireNonNull(strategy);
        this.alpha = alpha;
        this.rows = rows;
        this.dim = dim;
        this.pairsConsidered = pairsConsidered;
        this.triplets = Objects.requireNonNull(triplets);
        this.candidatesPerPair = candidatesPerPair;
        this.selectionNanos = selectionNanos;
        this.note = Objects.requireNonNull(note);
    }

    public MiningStrategy strategy() {
        return strategy;
    }

    public double alpha() {
        return alpha;
    }

    /** Number of embeddings (images) in the batch. */
    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /**
     * The (anchor, positive) pairs considered: every pair of the reference's loop (the reference prints this count as
     * {@code nrof_random_negs}); for batch-hard, one per anchor.
     */
    public long pairsConsidered() {
        return pairsConsidered;
    }

    public int tripletCount() {
        return triplets.length / 3;
    }

    /** The triplets flat, shuffled: {@code a0, p0, n0, a1, p1, n1, ...} (row indices). Do not modify. */
    public int[] triplets() {
        return triplets;
    }

    public int anchor(int triplet) {
        return triplets[3 * triplet];
    }

    public int positive(int triplet) {
        return triplets[3 * triplet + 1];
    }

    public int negative(int triplet) {
        return triplets[3 * triplet + 2];
    }

    /** Whether {@link #candidatesPerPair()} was requested (see {@link SelectionOptions#candidatesPerPair()}). */
    public boolean hasCandidatesPerPair() {
        return candidatesPerPair != null;
    }

    /**
     * Per pair, in batch order (anchor, then positive), flat: {@code anchor, positive, count, ...}, where count is
     * the number of negatives satisfying the strategy's rule for the pair (see {@link MiningStrategy}). Empty when
     * not requested. Do not modify.
     */
    public int[] candidatesPerPair() {
        return candidatesPerPair == null ? new int[0] : candidatesPerPair;
    }

    /** Wall time of the selection call (validation included). */
    public long selectionNanos() {
        return selectionNanos;
    }

    /** Why no triplet was selected (a single class, no pairs, nothing violating the margin); empty otherwise. */
    public String note() {
        return note;
    }

    /** The explanation for an empty selection, shared by the oracle and the fast selector. */
    static String noteFor(ClassBlocks batch, MiningStrategy strategy, double alpha, long pairs, int tripletCount) {
        if (tripletCount > 0) {
            return "";
        }
        if (batch.nonEmptyClasses() < 2 && batch.rows() > 0) {
            return "the batch holds a single class: there are no negatives, so no triplets";
        }
        if (pairs == 0) {
            return "no class has two or more images: there are no (anchor, positive) pairs";
        }
        return "no negative satisfies the " + strategy.cliName() + " rule (alpha " + alpha + ") for any of the "
                + pairs + " pairs";
    }

    @Override
    public String toString() {
        return "TripletSelection[" + strategy.cliName() + ", alpha " + alpha + ", " + rows + " x " + dim + ", pairs "
                + pairsConsidered + ", triplets " + tripletCount() + (note.isEmpty() ? "" : ", " + note) + "]";
    }
}
