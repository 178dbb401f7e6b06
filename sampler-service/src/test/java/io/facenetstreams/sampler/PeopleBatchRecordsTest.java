package io.facenetstreams.sampler;

import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.SampledPerson;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.IndexedImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeopleBatchRecordsTest {

    private static final BatchConfig CONFIG = BatchConfig.newBuilder().setPeoplePerBatch(2).setImagesPerPerson(3).setSeed(1)
            .setImageSize(64).setBatchSize(3).build();

    @Test
    void aSampleBecomesAManifestAndChunksWithRowsLabelsAndHashes() {
        PeopleBatchSample sample = new PeopleBatchSample(List.of(
                new SampledPerson("ann", 4, List.of("ann/1.png", "ann/2.png", "ann/3.png")),
                new SampledPerson("bob", 9, List.of("bob/1.png", "bob/2.png"))), 6);
        PeopleBatchRecords records = PeopleBatchRecords.of(sample, 12, 1, 40, CONFIG, 3, path -> "sha-" + path);

        assertThat(records.batch().getBatchId()).isEqualTo("b-000000012");
        assertThat(records.batch().getModelVersion()).isEqualTo(40);
        assertThat(records.batch().getImageCount()).isEqualTo(5);
        assertThat(records.batch().getChunkCount()).isEqualTo(2);
        assertThat(records.batch().getPeople()).extracting(p -> p.getClassName()).containsExactly("ann", "bob");
        assertThat(records.requests()).hasSize(2);
        EmbeddingRequest second = records.requests().get(1);
        assertThat(PeopleBatchRecords.requestKey(second)).isEqualTo("b-000000012/1");
        assertThat(second.getChunkCount()).isEqualTo(2);
        assertThat(second.getSequence()).isEqualTo(12);
        assertThat(second.getModelVersion()).isEqualTo(40);
        assertThat(second.getImages()).extracting(IndexedImage::getIndex).containsExactly(3, 4);
        assertThat(second.getImages()).extracting(IndexedImage::getLabel).containsExactly(9, 9);
        assertThat(second.getImages().get(0).getImage().getPath()).isEqualTo("bob/1.png");
        assertThat(second.getImages().get(0).getImage().getSha256()).isEqualTo("sha-bob/1.png");
        assertThat(records.requests().get(0).getImages()).extracting(IndexedImage::getLabel).containsExactly(4, 4, 4);
    }

    @Test
    void chunksMustHoldWholeForwardBatches() {
        assertThatThrownBy(() -> plan(90, 100)).hasMessageContaining("chunk-size (100) must be a multiple of batch-size (90)");
        assertThatThrownBy(() -> plan(91, 182)).hasMessageContaining("batch-size must be a positive multiple of 3");
        assertThat(plan(90, 360).chunkSize()).isEqualTo(360);
    }

    private static SamplingPlan plan(int batchSize, int chunkSize) {
        return new SamplingPlan("facenet", 45, 40, 666, batchSize, chunkSize, 2, Duration.ofMinutes(10), MiningStrategy.VGGFACE,
                0.2, true, false, false, false);
    }
}
