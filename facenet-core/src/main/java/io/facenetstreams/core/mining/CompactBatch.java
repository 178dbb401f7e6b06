package io.facenetstreams.core.mining;

import java.util.Arrays;

/**
 * A people-batch's labelled embedding rows compacted for a {@link TripletSelector}: rows in batch order with
 * each class's rows contiguous, images whose embedding is missing (they could not be loaded) left out, class
 * sizes counted, and a map from the compact rows back to the batch's rows. The sequential baseline and the miner
 * service both select through it.
 */
public final class CompactBatch {

    private final double[] embeddings;
    private final int dim;
    private final int[] imagesPerClass;
    private final int[] batchRow;
    private final int missing;

    private CompactBatch(double[] embeddings, int dim, int[] imagesPerClass, int[] batchRow, int missing) {
        this.embeddings = embeddings;
        this.dim = dim;
        this.imagesPerClass = imagesPerClass;
        this.batchRow = batchRow;
        this.missing = missing;
    }

    /**
     * @param labels     class label of each batch row; a class's rows must be contiguous (as sample_people emits them)
     * @param embeddings embedding of each batch row (float32, as the network produces them), or null if missing
     */
    public static CompactBatch of(int[] labels, float[][] embeddings) {
        if (labels.length != embeddings.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + embeddings.length + " embedding rows");
        }
        int dim = -1;
        int present = 0;
        for (int i = 0; i < embeddings.length; i++) {
            if (embeddings[i] == null) {
                continue;
            }
            if (dim < 0) {
                dim = embeddings[i].length;
            } else if (embeddings[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + embeddings[i].length
                        + " dimensions, earlier rows have " + dim);
            }
            present++;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < labels.length; i++) {
            if ((i == 0 || labels[i] != labels[i - 1]) && !seen.add(labels[i])) {
                throw new IllegalArgumentException("class " + labels[i] + " appears again at row " + i
                        + " after other classes: a class's images must be contiguous");
            }
        }
        dim = Math.max(dim, 0);
        double[] flat = new double[present * dim];
        int[] rows = new int[present];
        int[] counts = new int[labels.length];
        int classes = 0;
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (i == 0 || labels[i] != labels[i - 1]) {
                classes++;
            }
            if (embeddings[i] == null) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                flat[k * dim + d] = embeddings[i][d];
            }
            rows[k++] = i;
            counts[classes - 1]++;
        }
        // A class left with no image adds nothing to selection.
        int[] perClass = Arrays.stream(Arrays.copyOf(counts, classes)).filter(c -> c > 0).toArray();
        return new CompactBatch(flat, dim, perClass, rows, embeddings.length - present);
    }

    /** Row-major embeddings of the rows present. */
    public double[] embeddings() {
        return embeddings;
    }

    public int dim() {
        return dim;
    }

    public int rows() {
        return batchRow.length;
    }

    public int[] imagesPerClass() {
        return imagesPerClass.clone();
    }

    /** The people-batch row of compact row {@code row}. */
    public int batchRow(int row) {
        return batchRow[row];
    }

    /** Rows left out because their embedding was missing. */
    public int missing() {
        return missing;
    }
}
