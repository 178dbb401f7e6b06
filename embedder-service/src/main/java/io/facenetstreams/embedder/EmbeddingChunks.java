package io.facenetstreams.embedder;

import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.stage.EmbedStage;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.ImageFailure;
import io.facenetstreams.schemas.IndexedImage;
import io.facenetstreams.schemas.codec.EmbeddingVectors;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The embedder's record mapping, and nothing else: an {@link EmbeddingRequest} as the embed stage's input, and the
 * stage's result as the {@link EmbeddingChunk} to publish plus one dead-letter reason per image that failed.
 */
final class EmbeddingChunks {

    /** The chunk to publish, and the dead-letter reasons of its failed images (in the chunk's failure order). */
    record Mapped(EmbeddingChunk chunk, List<String> deadLetters) {
    }

    private EmbeddingChunks() {
    }

    /** The request's images as the stage's sources, in request order. */
    static List<ImageBatchLoader.Source> sources(EmbeddingRequest request) {
        return request.getImages().stream()
                .map(i -> ImageBatchLoader.Source.reference(i.getImage().getPath(), i.getImage().getSha256())).toList();
    }

    /** The stage's result, mapped back to batch rows: vectors of the images embedded, failures of the others. */
    static Mapped of(EmbeddingRequest request, EmbedStage.Result embedded, long version, int dim, String embedderId,
                     long embedMillis) {
        List<IndexedImage> images = request.getImages();
        List<ImageFailure> failures = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        for (ImageBatchLoader.Failure f : embedded.unreadable()) {
            IndexedImage image = images.get(f.position());
            failures.add(failure(image, f.reason()));
            letters.add("image " + image.getImage().getPath() + " (row " + image.getIndex() + " of "
                    + request.getBatchId() + ") cannot be embedded: " + f.reason());
        }
        for (ImageBatchLoader.Failure f : embedded.nonFinite()) {
            IndexedImage image = images.get(f.position());
            failures.add(failure(image, f.reason()));
            letters.add("image " + image.getImage().getPath() + " (row " + image.getIndex() + " of "
                    + request.getBatchId() + ", chunk " + request.getChunkIndex() + ", model version " + version + "): "
                    + f.reason());
        }
        List<Integer> indices = new ArrayList<>(embedded.embedded());
        float[] flat = new float[embedded.embedded() * dim];
        for (int i = 0, n = 0; i < images.size(); i++) {
            float[] row = embedded.rows()[i];
            if (row != null) {
                indices.add(images.get(i).getIndex());
                System.arraycopy(row, 0, flat, n++ * dim, dim);
            }
        }
        EmbeddingChunk chunk = builder(request, version, embedderId)
                .setDim(dim)
                .setIndices(indices)
                .setVectors(EmbeddingVectors.encode(flat, indices.size(), dim))
                .setFailures(failures)
                .setEmbedMillis(embedMillis)
                .build();
        return new Mapped(chunk, letters);
    }

    /** A chunk in which every image failed with {@code reason}, so that the miner can still finish the batch. */
    static EmbeddingChunk failed(EmbeddingRequest request, String reason, String embedderId) {
        List<ImageFailure> failures = request.getImages().stream().map(i -> failure(i, reason)).toList();
        return builder(request, request.getModelVersion(), embedderId)
                .setDim(0)
                .setIndices(List.of())
                .setVectors(ByteBuffer.allocate(0))
                .setFailures(failures)
                .setEmbedMillis(0)
                .build();
    }

    /** The same chunk with every vector NaN: the test-only fault hook's doing. */
    static EmbeddingChunk withNaNVectors(EmbeddingChunk chunk) {
        float[] nan = new float[chunk.getIndices().size() * chunk.getDim()];
        Arrays.fill(nan, Float.NaN);
        return EmbeddingChunk.newBuilder(chunk)
                .setVectors(EmbeddingVectors.encode(nan, chunk.getIndices().size(), chunk.getDim())).build();
    }

    private static EmbeddingChunk.Builder builder(EmbeddingRequest request, long version, String embedderId) {
        return EmbeddingChunk.newBuilder()
                .setBatchId(request.getBatchId())
                .setChunkIndex(request.getChunkIndex())
                .setChunkCount(request.getChunkCount())
                .setModelVersion(version)
                .setEmbedderId(embedderId);
    }

    private static ImageFailure failure(IndexedImage image, String reason) {
        return ImageFailure.newBuilder().setIndex(image.getIndex()).setPath(image.getImage().getPath()).setReason(reason).build();
    }
}
