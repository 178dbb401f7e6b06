package io.facenetstreams.sampler;

import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.PeopleBatch;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePointTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void anEmptyTopicStartsAtSequenceZeroWithNothingInFlight() {
        ResumePoint resume = ResumePoint.from(List.of());

        assertThat(resume.nextSequence()).isZero();
        assertThat(resume.emitted()).isEmpty();
    }

    @Test
    void continuesAfterTheHighestSequenceSeenInWhateverOrder() {
        ResumePoint resume = ResumePoint.from(List.of(batch(7, NOW), batch(9, NOW), batch(8, NOW)));

        assertThat(resume.nextSequence()).isEqualTo(10);
        assertThat(resume.emitted()).containsOnlyKeys(7L, 8L, 9L);
    }

    @Test
    void batchesTheTrainerFinishedTakeNoSlotAndOldOnesExpire() {
        InFlightWindow window = new InFlightWindow(3, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
        window.completed(8);

        ResumePoint.from(List.of(batch(7, NOW.minus(Duration.ofHours(1))), batch(8, NOW), batch(9, NOW))).restore(window);

        assertThat(window.sequences()).containsExactly(7L, 9L);
        assertThat(window.expire()).containsExactly(7L);
        assertThat(window.sequences()).containsExactly(9L);
    }

    static PeopleBatch batch(long sequence, Instant createdAt) {
        return PeopleBatch.newBuilder().setBatchId(PeopleBatchRecords.batchId(sequence)).setSequence(sequence).setEpoch(0)
                .setModelVersion(1).setImageCount(0).setChunkCount(1).setPeople(List.of())
                .setConfig(BatchConfig.newBuilder().setPeoplePerBatch(1).setImagesPerPerson(1).setSeed(1).setImageSize(64)
                        .setBatchSize(3).build())
                .setCreatedAt(createdAt).build();
    }
}
