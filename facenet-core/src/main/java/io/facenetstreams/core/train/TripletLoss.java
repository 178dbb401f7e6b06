package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * facenet's {@code triplet_loss}: embeddings arrive as rows (a, p, n, a, p, n, ...); the loss is the mean
 * over all triplets of {@code max(||a - p||^2 - ||a - n||^2 + alpha, 0)} (squared distances, triplets that
 * already satisfy the margin count as zeros in the mean).
 */
public final class TripletLoss {

    private TripletLoss() {
    }

    /** The scalar loss of (3T, D) embeddings in (a, p, n) order. */
    public static NDArray compute(NDArray embeddings, float alpha) {
        long rows = embeddings.getShape().get(0);
        if (embeddings.getShape().dimension() != 2 || rows == 0 || rows % 3 != 0) {
            throw new IllegalArgumentException("triplet loss needs (3T, D) embeddings in (anchor, positive, negative)"
                    + " order, got shape " + embeddings.getShape());
        }
        NDArray triplets = embeddings.reshape(-1, 3, embeddings.getShape().get(1));
        NDArray anchor = triplets.get(new NDIndex(":, 0, :"));
        NDArray positive = triplets.get(new NDIndex(":, 1, :"));
        NDArray negative = triplets.get(new NDIndex(":, 2, :"));
        NDArray posDist = anchor.sub(positive).square().sum(new int[] {1});
        NDArray negDist = anchor.sub(negative).square().sum(new int[] {1});
        return posDist.sub(negDist).add(alpha).maximum(0f).mean();
    }
}
