package io.facenetstreams.core.mining;

import java.util.List;

/**
 * A people-batch's embeddings as the selector takes them: {@code rows x dim} values row-major, classes contiguous,
 * {@code imagesPerClass[c]} rows labelled {@code classLabels.get(c)}. The arrays are not copied.
 */
public record LabeledEmbeddings(List<String> classLabels, int[] imagesPerClass, int dim, double[] values) {

    public LabeledEmbeddings {
        classLabels = List.copyOf(classLabels);
        if (classLabels.size() != imagesPerClass.length) {
            throw new IllegalArgumentException(classLabels.size() + " class labels for " + imagesPerClass.length + " classes");
        }
    }

    public int rows() {
        return dim == 0 ? 0 : values.length / dim;
    }
}
