/**
 * Face-embedding networks as DJL blocks (facenet's Inception-ResNet-v1 and a small CPU network), all
 * ending in an L2-normalised embedding, and {@link io.facenetstreams.core.model.EmbeddingModel} to embed
 * images in batches with training-mode or inference-mode batch norm.
 */
package io.facenetstreams.core.model;
