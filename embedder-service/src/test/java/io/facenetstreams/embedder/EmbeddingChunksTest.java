package io.facenetstreams.embedder;

import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.stage.EmbedStage;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.ImageFailure;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.IndexedImage;
import io.facenetstreams.schemas.codec.EmbeddingVectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedder's record mapping without a broker or a network: request in, chunk and dead letters out. */
class EmbeddingChunksTest {

    /** Rows 10, 11 and 12 of batch b-3, chunk 2 of 4, pinned to version 40. */
    private static final EmbeddingRequest REQUEST = EmbeddingRequest.newBuilder()
            .setBatchId("b-3").setSequence(3).setChunkIndex(2).setChunkCount(4).setModelVersion(40)
            .setImages(List.of(image(10, "a/a_1.png", "ab12"), image(11, "a/a_2.png", null), image(12, "b/b_1.png", null)))
            .setConfig(BatchConfig.newBuilder().setPeoplePerBatch(2).setImagesPerPerson(2).setSeed(666).setImageSize(32)
                    .build())
            .build();

    @Test
    void sourcesAreTheRequestsImagesInOrderWithTheirHashes() {
        assertThat(EmbeddingChunks.sources(REQUEST)).containsExactly(
                ImageBatchLoader.Source.reference("a/a_1.png", "ab12"),
                ImageBatchLoader.Source.reference("a/a_2.png", null),
                ImageBatchLoader.Source.reference("b/b_1.png", null));
    }

    @Test
    void vectorsKeepTheirBatchRowsAndFailedImagesAreReportedOncePerImage() {
        EmbedStage.Result result = new EmbedStage.Result(new float[][] {{1, 0}, null, null},
                List.of(new ImageBatchLoader.Failure(1, "a/a_2.png", "not a PNG")),
                List.of(new ImageBatchLoader.Failure(2, "b/b_1.png", "non-finite")), true);
        EmbeddingChunks.Mapped mapped = EmbeddingChunks.of(REQUEST, result, 40, 2, "embedder-1", 17);
        EmbeddingChunk chunk = mapped.chunk();
        assertThat(chunk.getBatchId()).isEqualTo("b-3");
        assertThat(chunk.getChunkIndex()).isEqualTo(2);
        assertThat(chunk.getChunkCount()).isEqualTo(4);
        assertThat(chunk.getModelVersion()).isEqualTo(40);
        assertThat(chunk.getEmbedderId()).isEqualTo("embedder-1");
        assertThat(chunk.getEmbedMillis()).isEqualTo(17);
        assertThat(chunk.getIndices()).containsExactly(10);
        assertThat(EmbeddingVectors.decode(chunk.getVectors(), 1, 2)).containsExactly(1f, 0f);
        assertThat(chunk.getFailures()).extracting(ImageFailure::getIndex, ImageFailure::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11, "not a PNG"),
                        org.assertj.core.groups.Tuple.tuple(12, "non-finite"));
        assertThat(mapped.deadLetters()).containsExactly(
                "image a/a_2.png (row 11 of b-3) cannot be embedded: not a PNG",
                "image b/b_1.png (row 12 of b-3, chunk 2, model version 40): non-finite");
    }

    @Test
    void aRequestGivenUpOnBecomesAChunkWhoseEveryImageFailed() {
        EmbeddingChunk chunk = EmbeddingChunks.failed(REQUEST, "model version 40 is unavailable", "embedder-2");
        assertThat(chunk.getModelVersion()).isEqualTo(40);
        assertThat(chunk.getIndices()).isEmpty();
        assertThat(chunk.getVectors().remaining()).isZero();
        assertThat(chunk.getFailures()).extracting(ImageFailure::getIndex).containsExactly(10, 11, 12);
        assertThat(chunk.getFailures()).allSatisfy(f -> assertThat(f.getReason()).isEqualTo("model version 40 is unavailable"));
    }

    @Test
    void theFaultHookKeepsTheChunkButMakesEveryVectorNaN() {
        EmbedStage.Result result = new EmbedStage.Result(new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}}, List.of(), List.of(), false);
        EmbeddingChunk chunk = EmbeddingChunks.withNaNVectors(EmbeddingChunks.of(REQUEST, result, 40, 2, "e", 1).chunk());
        assertThat(chunk.getIndices()).containsExactly(10, 11, 12);
        float[] vectors = EmbeddingVectors.decode(chunk.getVectors(), 3, 2);
        assertThat(vectors).hasSize(6);
        for (float v : vectors) {
            assertThat(v).isNaN();
        }
    }

    private static IndexedImage image(int row, String path, String sha256) {
        return IndexedImage.newBuilder().setIndex(row).setLabel(row / 2)
                .setImage(ImageRef.newBuilder().setPath(path).setSha256(sha256).build()).build();
    }
}
