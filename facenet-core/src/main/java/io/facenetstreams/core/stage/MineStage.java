package io.facenetstreams.core.stage;

import io.facenetstreams.core.mining.CompactBatch;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;

import java.util.Objects;

/**
 * The mine stage: a people-batch's vectors, row by row, become its triplets. It refuses a batch the selector
 * must not see (a non-finite vector, or no image embedded at all), lays the rest out as a {@link CompactBatch},
 * selects with the batch's strategy and margin and a seed derived from the run's seed and the batch's
 * sequence ({@link SelectionOptions#forPeopleBatch}), and maps the selection back to the batch's rows. The
 * miner service mines each assembled batch here, the sequential baseline each sampled one.
 */
public final class MineStage {

    /** A triplet selector: the fast {@link TripletSelector} or the literal {@code ReferenceTripletSelection}. */
    @FunctionalInterface
    public interface Selector {
        TripletSelection select(double[] embeddings, int dim, int[] imagesPerClass, SelectionOptions options);
    }

    /** How to mine one batch: its strategy, its margin, the run's seed and the batch's sequence. */
    public record Request(MiningStrategy strategy, double alpha, long seed, long sequence) {
        public Request {
            Objects.requireNonNull(strategy, "strategy");
        }
    }

    /** What mining a batch came to: {@link Mined} or {@link NotMineable}. */
    public sealed interface Outcome permits Mined, NotMineable {
    }

    /**
     * The triplets as batch rows, flat ({@code a0, p0, n0, a1, ...}, as the selector shuffled them), with what
     * the selection reports. Do not modify {@code tripletRows}.
     *
     * @param imagesEmbedded rows that took part (their vector was present)
     * @param imagesMissing  rows left out (their image failed)
     */
    public record Mined(int[] tripletRows, MiningStrategy strategy, double alpha, long pairsConsidered,
                        long selectionNanos, String note, int imagesEmbedded, int imagesMissing) implements Outcome {

        public int tripletCount() {
            return tripletRows.length / 3;
        }

        public int anchorRow(int triplet) {
            return tripletRows[3 * triplet];
        }

        public int positiveRow(int triplet) {
            return tripletRows[3 * triplet + 1];
        }

        public int negativeRow(int triplet) {
            return tripletRows[3 * triplet + 2];
        }
    }

    /**
     * A batch that must not be mined. {@code row} is the batch row at fault, or -1 when the batch as a whole
     * is. {@code reason} reads after the name of what is at fault: what holds the row (e.g. "chunk 1 holds a
     * non-finite vector (row 10 is NaN)"), or the batch ("b-7: every one of its 40 images failed to embed").
     */
    public record NotMineable(String reason, int row) implements Outcome {
        public NotMineable {
            Objects.requireNonNull(reason, "reason");
        }

        public boolean wholeBatch() {
            return row < 0;
        }
    }

    private final Selector selector;

    /** Mines with the fast selector. */
    public MineStage(TripletSelector selector) {
        this((Selector) selector::select);
    }

    public MineStage(Selector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /**
     * Mines one batch.
     *
     * @param labels  the label of every batch row (a class's rows contiguous, as the sampler emits them)
     * @param vectors the vector of every batch row, or null where the image failed
     * @throws IllegalArgumentException when labels and vectors do not fit (see {@link CompactBatch#of})
     */
    public Outcome mine(int[] labels, float[][] vectors, Request request) {
        int present = 0;
        for (int row = 0; row < vectors.length; row++) {
            float[] v = vectors[row];
            if (v == null) {
                continue;
            }
            present++;
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    // One non-finite vector turns every distance to it into NaN: the selection would be garbage.
                    return new NotMineable("holds a non-finite vector (row " + row + " is " + x + ")", row);
                }
            }
        }
        if (present == 0) {
            return new NotMineable("every one of its " + vectors.length + " images failed to embed", -1);
        }
        CompactBatch batch = CompactBatch.of(labels, vectors);
        SelectionOptions options = SelectionOptions.forPeopleBatch(request.strategy(), request.alpha(), request.seed(),
                request.sequence());
        TripletSelection selection = selector.select(batch.embeddings(), batch.dim(), batch.imagesPerClass(), options);
        int[] rows = new int[3 * selection.tripletCount()];
        int[] compact = selection.triplets();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.batchRow(compact[i]);
        }
        return new Mined(rows, selection.strategy(), selection.alpha(), selection.pairsConsidered(),
                selection.selectionNanos(), selection.note(), batch.rows(), batch.missing());
    }
}
