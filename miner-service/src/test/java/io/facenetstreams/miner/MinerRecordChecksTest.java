package io.facenetstreams.miner;

import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MinerRecordChecksTest {

    private static PeopleBatch manifest() {
        List<ImageRef> images = List.of(image("a/1"), image("a/2"), image("a/3"));
        return PeopleBatch.newBuilder().setBatchId("b").setSequence(1).setEpoch(0).setModelVersion(0).setImageCount(3)
                .setChunkCount(2).setPeople(List.of(Person.newBuilder().setClassName("a").setLabel(0).setImages(images).build()))
                .setConfig(BatchConfig.newBuilder().setPeoplePerBatch(1).setImagesPerPerson(3).setSeed(1).setImageSize(64)
                        .setBatchSize(2).setStrategy("vggface").setAlpha(0.2).build())
                .setCreatedAt(Instant.EPOCH).build();
    }

    private static ImageRef image(String path) {
        return ImageRef.newBuilder().setPath(path).setSha256(null).build();
    }

    private static EmbeddingChunk chunk(List<Integer> rows, int dim, int bytes) {
        return EmbeddingChunk.newBuilder().setBatchId("b").setChunkIndex(0).setChunkCount(2).setModelVersion(0).setDim(dim)
                .setIndices(rows).setVectors(ByteBuffer.allocate(bytes)).setFailures(List.of()).setEmbedderId("e")
                .setEmbedMillis(1).build();
    }

    @Test
    void aValidManifestAndChunkPass() {
        assertThat(MinerRecordChecks.manifest(manifest())).isEmpty();
        EmbeddingChunk c = chunk(List.of(0, 2), 4, 2 * 4 * 4);
        assertThat(MinerRecordChecks.chunk(c)).isEmpty();
        assertThat(MinerRecordChecks.chunkOf(c, manifest())).isEmpty();
        assertThat(MinerRecordChecks.chunk(chunk(List.of(), 0, 0))).as("the embedder's closing chunk").isEmpty();
    }

    @Test
    void manifestsThatWouldMisSizeTheBatchAreRefused() {
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setImageCount(-1).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("imageCount -1"));
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setImageCount(Integer.MAX_VALUE).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("outside 1.."));
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setImageCount(4).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("lists 3 images, but its imageCount is 4"));
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setChunkCount(0).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("chunkCount 0"));
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setChunkCount(4).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("chunkCount 4, outside 1..3"));
        assertThat(MinerRecordChecks.manifest(PeopleBatch.newBuilder(manifest()).setBatchId("").build())).isPresent();
    }

    @Test
    void chunksThatBreakAnInvariantAreRefused() {
        assertThat(MinerRecordChecks.chunk(chunk(List.of(0), 4, 15))).hasValueSatisfying(r -> assertThat(r)
                .contains("15 bytes of vectors, but 1 rows x 4 dims of float32 need 16"));
        assertThat(MinerRecordChecks.chunk(chunk(List.of(0), -4, 0))).hasValueSatisfying(r -> assertThat(r).contains("dim -4"));
        assertThat(MinerRecordChecks.chunk(chunk(List.of(0), 0, 0))).hasValueSatisfying(r -> assertThat(r).contains("dim 0 for 1"));
        assertThat(MinerRecordChecks.chunk(chunk(List.of(1, 1), 1, 8))).hasValueSatisfying(r -> assertThat(r).contains("row 1 twice"));
        assertThat(MinerRecordChecks.chunk(chunk(List.of(-1), 1, 4))).hasValueSatisfying(r -> assertThat(r).contains("row -1"));
        assertThat(MinerRecordChecks.chunk(EmbeddingChunk.newBuilder(chunk(List.of(), 1, 0)).setChunkIndex(2).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("chunk index 2 outside 0..1"));
        assertThat(MinerRecordChecks.chunk(EmbeddingChunk.newBuilder(chunk(List.of(), 1, 0)).setChunkCount(-1).build()))
                .hasValueSatisfying(r -> assertThat(r).contains("chunkCount -1"));
        // rows x dim x 4 overflows an int: the size is compared as a long.
        assertThat(MinerRecordChecks.chunk(chunk(List.of(0, 1), 1 << 16, 0))).isPresent();
    }

    @Test
    void aChunkMustFitItsManifest() {
        assertThat(MinerRecordChecks.chunkOf(chunk(List.of(3), 1, 4), manifest()))
                .hasValueSatisfying(r -> assertThat(r).contains("row 3 of a batch of 3 images"));
        assertThat(MinerRecordChecks.chunkOf(EmbeddingChunk.newBuilder(chunk(List.of(), 1, 0)).setChunkCount(3).build(), manifest()))
                .hasValueSatisfying(r -> assertThat(r).contains("has 3 chunks, the manifest says 2"));
    }
}
