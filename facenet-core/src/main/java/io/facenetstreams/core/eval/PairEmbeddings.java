package io.facenetstreams.core.eval;

import java.util.Objects;

/**
 * The embeddings of the two images of each evaluation pair, and whether the pair shows the same person.
 * Row {@code i} of both matrices and {@code issame[i]} describe pair {@code i}. The arrays are shared, not
 * copied (they can be large); {@link LfwEvaluator} checks their shapes and values.
 */
public record PairEmbeddings(double[][] embeddings1, double[][] embeddings2, boolean[] issame) {

    public PairEmbeddings {
        Objects.requireNonNull(embeddings1, "embeddings1");
        Objects.requireNonNull(embeddings2, "embeddings2");
        Objects.requireNonNull(issame, "issame");
    }

    public int pairs() {
        return issame.length;
    }

    /** Dimension of the first pair's first embedding (0 when there are no pairs). */
    public int dimension() {
        return embeddings1.length == 0 || embeddings1[0] == null ? 0 : embeddings1[0].length;
    }
}
