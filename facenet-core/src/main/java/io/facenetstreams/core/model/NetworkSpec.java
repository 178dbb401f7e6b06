package io.facenetstreams.core.model;

import ai.djl.nn.Block;

/**
 * What fixes a network's shape and behaviour: the architecture, the embedding size, the input image size
 * and the dropout keep probability before the bottleneck (facenet's {@code keep_probability}).
 */
public record NetworkSpec(NetworkArchitecture architecture, int embeddingSize, int imageSize, float keepProbability) {

    public NetworkSpec {
        if (architecture == null) {
            throw new IllegalArgumentException("network architecture must be given");
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("embedding_size must be positive, got " + embeddingSize);
        }
        if (imageSize < architecture.minImageSize()) {
            throw new IllegalArgumentException("image_size " + imageSize + " is too small for " + architecture
                    + " (at least " + architecture.minImageSize() + " px)");
        }
        if (!(keepProbability > 0f && keepProbability <= 1f)) {
            throw new IllegalArgumentException("keep_probability must be in (0, 1], got " + keepProbability);
        }
    }

    /** The architecture's default image size, no dropout. */
    public static NetworkSpec of(NetworkArchitecture architecture, int embeddingSize) {
        return new NetworkSpec(architecture, embeddingSize, architecture.defaultImageSize(), 1f);
    }

    /** Floats per image in CHW order: {@code 3 * imageSize * imageSize}. */
    public int imageLength() {
        return 3 * imageSize * imageSize;
    }

    /** A new, uninitialised block for this spec. */
    public Block newBlock() {
        return architecture.newBlock(embeddingSize, keepProbability);
    }
}
