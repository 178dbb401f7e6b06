package io.facenetstreams.core.stage;

import java.util.Arrays;

/**
 * The vectors of a batch's rows, gathered from the parts (chunks) that carry them, remembering which part
 * carried each row: when the {@link MineStage} refuses a row, the blame goes to the part that sent it. A part
 * that does not fit (a row outside the batch, a row another part already carried, another dimension) is refused
 * with the reason rather than thrown, so that the caller can close the batch and name the part.
 */
public final class BatchRows {

    private final float[][] vectors;
    private final int[] partOfRow;
    private int dim;

    public BatchRows(int rows) {
        this.vectors = new float[rows][];
        this.partOfRow = new int[rows];
        Arrays.fill(partOfRow, -1);
    }

    /**
     * Adds part {@code part}: {@code rows[i]} has the vector at {@code rowMajor[i * dim, (i + 1) * dim)}.
     *
     * @return why the part does not fit (a phrase to follow the part's name), or {@code null} when it was added
     */
    public String add(int part, int[] rows, float[] rowMajor, int dim) {
        if (rowMajor.length != (long) rows.length * dim) {
            return "has " + rowMajor.length + " floats for " + rows.length + " rows of " + dim;
        }
        if (rows.length > 0 && this.dim != 0 && dim != this.dim) {
            return "has vectors of " + dim + " dimensions, another part of " + this.dim;
        }
        for (int row : rows) {
            if (row < 0 || row >= vectors.length) {
                return "holds row " + row + " of a batch of " + vectors.length + " images";
            }
            if (partOfRow[row] >= 0) {
                return "holds row " + row + ", which part " + partOfRow[row] + " holds too";
            }
        }
        for (int i = 0; i < rows.length; i++) {
            vectors[rows[i]] = Arrays.copyOfRange(rowMajor, i * dim, (i + 1) * dim);
            partOfRow[rows[i]] = part;
        }
        if (rows.length > 0) {
            this.dim = dim;
        }
        return null;
    }

    /** One vector per row, {@code null} for a row no part carried (its image failed). */
    public float[][] vectors() {
        return vectors;
    }

    /** The part that carried {@code row}, or -1. */
    public int partOf(int row) {
        return partOfRow[row];
    }
}
