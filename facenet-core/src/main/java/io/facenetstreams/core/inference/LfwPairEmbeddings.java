package io.facenetstreams.core.inference;

import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.MissingImagePolicy;
import io.facenetstreams.core.data.Pair;
import io.facenetstreams.core.data.ResolvedPairs;
import io.facenetstreams.core.eval.PairEmbeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pairs of an LFW {@code pairs.txt} with the embeddings of their images looked up in rows computed by
 * {@code embed} over the LFW folder (keyed by path relative to it): the input of the LFW evaluation, in
 * pairs.txt order, so that the folds are those of {@code evaluate --checkpoint}.
 */
public final class LfwPairEmbeddings {

    private LfwPairEmbeddings() {}

    /** @throws IOException when the pairs file is malformed or an image of a pair has no row */
    public static PairEmbeddings of(Path lfwDir, Path pairsFile, Map<String, float[]> rowsByPath) throws IOException {
        ResolvedPairs resolved = LfwPairs.resolve(lfwDir, LfwPairs.read(pairsFile), MissingImagePolicy.FAIL);
        List<Pair> pairs = resolved.pairs();
        double[][] e1 = new double[pairs.size()][];
        double[][] e2 = new double[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            e1[i] = row(lfwDir, pairs.get(i).leftPath(), rowsByPath);
            e2[i] = row(lfwDir, pairs.get(i).rightPath(), rowsByPath);
        }
        return new PairEmbeddings(e1, e2, resolved.actualIsSame());
    }

    private static double[] row(Path lfwDir, Path image, Map<String, float[]> rowsByPath) throws IOException {
        String label = ImageFiles.relativeLabel(lfwDir, image);
        float[] row = rowsByPath.get(label);
        if (row == null) {
            throw new IOException("no embedding for " + label + " (was embed run over " + lfwDir + "?)");
        }
        double[] wide = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            wide[k] = row[k];
        }
        return wide;
    }
}
