package io.facenetstreams.trainer;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.ConsumedPosition;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.stage.TripletImages;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.train.TripletBatchSteps.StepReport;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.TopicPartitionOffset;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.service.runtime.BadRecordException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingRecordsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final TrainingRecords records = new TrainingRecords("m", 10, step -> 0.1 / (step + 1),
            "http://trainer:8080", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theRecordsTripletsAreIndicesIntoItsImagesInAnchorPositiveNegativeOrder() {
        TripletBatch batch = batch(List.of(triplet(0, 1, 2), triplet(2, 0, 1)), 0, 1, null);
        TripletImages images = TrainingRecords.triplets(batch);
        assertThat(images.triplets()).containsExactly(0, 1, 2, 2, 0, 1);
        assertThat(images.images()).containsExactly(ImageBatchLoader.Source.reference("a/1.png", "aa"),
                ImageBatchLoader.Source.reference("a/2.png", null), ImageBatchLoader.Source.reference("b/1.png", "bb"));
        assertThat(images.sources()).extracting(ImageBatchLoader.Source::reference)
                .containsExactly("a/1.png", "a/2.png", "b/1.png", "b/1.png", "a/1.png", "a/2.png");
    }

    @Test
    void anIndexOutsideTheImagesIsABadRecordNamingTheBatchAndTheIndex() {
        TripletBatch batch = batch(List.of(triplet(0, 1, 2), triplet(0, 7, 1)), 0, 1, null);
        assertThatThrownBy(() -> TrainingRecords.triplets(batch)).isInstanceOf(BadRecordException.class)
                .hasMessage("triplet batch b-000004 part 0: triplet 1 refers to image 7 of 3");
    }

    @Test
    void aTrainedStepReportsItsLossRateAndTimeAndClosesThePeopleBatchOnlyAtItsLastStepOfTheLastPart() {
        TripletBatch lastPart = batch(List.of(triplet(0, 1, 2)), 1, 2, null);
        StepResult result = new StepResult(23, 0.75, 0.7, 0.05, 0.02, 4, 31);

        TrainingProgress closing = records.step(lastPart, 23, new StepReport(1, 2, result, List.of(), 0));
        assertThat(closing.getModelName()).isEqualTo("m");
        assertThat(closing.getStep()).isEqualTo(23);
        assertThat(closing.getEpoch()).isEqualTo(2);
        assertThat(closing.getBatchId()).isEqualTo("b-000004");
        assertThat(closing.getBatchSequence()).isEqualTo(4);
        assertThat(closing.getBatchComplete()).isTrue();
        assertThat(closing.getLoss()).isEqualTo(0.75);
        assertThat(closing.getLearningRate()).isEqualTo(0.02);
        assertThat(closing.getStaleness()).isEqualTo(23 - 20);
        assertThat(closing.getStepMillis()).isEqualTo(31);
        assertThat(closing.getTriplets()).isEqualTo(4);
        assertThat(closing.getTimestamp()).isEqualTo(NOW);
        assertThat(closing.getSkipped()).isNull();

        assertThat(records.step(lastPart, 22, new StepReport(0, 2, result, List.of(), 0)).getBatchComplete()).isFalse();
        TripletBatch firstPart = batch(List.of(triplet(0, 1, 2)), 0, 2, null);
        assertThat(records.step(firstPart, 23, new StepReport(1, 2, result, List.of(), 0)).getBatchComplete()).isFalse();
    }

    @Test
    void aRejectedStepSaysTheModelWasKept() {
        StepResult rejected = new StepResult(22, Double.NaN, Double.NaN, 0.05, 0.02, 4, 12, "loss is NaN");
        TrainingProgress progress = records.step(batch(List.of(triplet(0, 1, 2)), 0, 1, null), 22,
                new StepReport(0, 1, rejected, List.of(), 0));
        assertThat(progress.getSkipped()).isEqualTo("step not applied, model kept: loss is NaN");
        assertThat(progress.getBatchComplete()).isTrue();
        assertThat(progress.getLearningRate()).isEqualTo(0.02);
    }

    @Test
    void aStepWithoutAReadableTripletHasNoLossAndTheScheduledRate() {
        TrainingProgress progress = records.step(batch(List.of(triplet(0, 1, 2)), 0, 1, null), 24,
                new StepReport(0, 1, null, List.of(), 1));
        assertThat(progress.getSkipped()).isEqualTo("every triplet of the step had an unreadable image");
        assertThat(progress.getLoss()).isNaN();
        assertThat(progress.getLearningRate()).isEqualTo(0.1 / 25);
        assertThat(progress.getTriplets()).isZero();
    }

    @Test
    void aBatchClosedByTheMinerIsNotTrainedButClosesItsPeopleBatch() {
        TripletBatch closed = batch(List.of(), 0, 1, "embedder timed out");
        String reason = TrainingRecords.notTrained(closed, 3, 0);
        assertThat(reason).isEqualTo("closed by the miner: embedder timed out");

        TrainingProgress progress = records.notTrained(closed, 23, reason);
        assertThat(progress.getBatchComplete()).isTrue();
        assertThat(progress.getSkipped()).isEqualTo("closed by the miner: embedder timed out");
        assertThat(progress.getLoss()).isNaN();
        assertThat(progress.getLearningRate()).isEqualTo(0.1 / 24);
        assertThat(progress.getStaleness()).isEqualTo(3);
        assertThat(progress.getStepMillis()).isZero();
        assertThat(progress.getTriplets()).isZero();
    }

    @Test
    void aStaleBatchIsDroppedBeforeAnythingElseAndOnlyWithAMaximum() {
        TripletBatch batch = batch(List.of(triplet(0, 1, 2)), 0, 2, "whatever");
        assertThat(TrainingRecords.notTrained(batch, 51, 50)).isEqualTo("too stale: mined 51 steps ago");
        assertThat(TrainingRecords.notTrained(batch, 50, 50)).startsWith("closed by the miner");
        TripletBatch open = batch(List.of(triplet(0, 1, 2)), 0, 2, null);
        assertThat(TrainingRecords.notTrained(open, 5000, 0)).isNull();
        assertThat(TrainingRecords.notTrained(batch(List.of(), 0, 1, null), 0, 0)).isEqualTo("no triplets");

        TrainingProgress progress = records.notTrained(open, 71, "too stale: mined 51 steps ago");
        assertThat(progress.getBatchComplete()).isFalse();
        assertThat(progress.getStaleness()).isEqualTo(51);
        assertThat(progress.getSkipped()).isEqualTo("too stale: mined 51 steps ago");
    }

    @Test
    void aCheckpointIsAnnouncedWithItsUrlHashSizeAndConsumedOffset() {
        Map<String, String> metadata = new java.util.HashMap<>(new ConsumedPosition(42, 1).toMetadata());
        metadata.put("model.name", "m");
        CheckpointInfo info = new CheckpointInfo(30, 3, NetworkArchitecture.SMALL_CNN, 16, 32, Path.of("ckpt-30"),
                "ab".repeat(32), 2048, metadata, NOW, Map.of());
        Checkpoint event = records.announcement(info);
        assertThat(event.getModelName()).isEqualTo("m");
        assertThat(event.getVersion()).isEqualTo(30);
        assertThat(event.getEpoch()).isEqualTo(3);
        assertThat(event.getArchitecture()).isEqualTo(NetworkArchitecture.SMALL_CNN.cliName());
        assertThat(event.getEmbeddingSize()).isEqualTo(16);
        assertThat(event.getImageSize()).isEqualTo(32);
        assertThat(event.getUri()).isEqualTo("http://trainer:8080/checkpoints/30");
        assertThat(event.getSha256()).isEqualTo("ab".repeat(32));
        assertThat(event.getSizeBytes()).isEqualTo(2048);
        assertThat(event.getConsumedOffsets()).containsExactly(TopicPartitionOffset.newBuilder().setTopic("triplets")
                .setPartition(0).setOffset(42).build());
        assertThat(event.getCreatedAt()).isEqualTo(NOW);
    }

    static Triplet triplet(int anchor, int positive, int negative) {
        return Triplet.newBuilder().setAnchor(anchor).setPositive(positive).setNegative(negative).build();
    }

    /** Batch 4, mined with model version 20 at margin 0.3, over three images. */
    static TripletBatch batch(List<Triplet> triplets, int part, int partCount, String closedReason) {
        return TripletBatch.newBuilder().setBatchId("b-000004").setSequence(4).setEpoch(0).setModelVersion(20)
                .setStrategy("semihard").setAlpha(0.3).setPairsConsidered(9)
                .setImages(List.of(ImageRef.newBuilder().setPath("a/1.png").setSha256("aa").build(),
                        ImageRef.newBuilder().setPath("a/2.png").build(),
                        ImageRef.newBuilder().setPath("b/1.png").setSha256("bb").build()))
                .setTriplets(triplets).setSelectionMicros(5).setConfig(config())
                .setPart(part).setPartCount(partCount).setClosedReason(closedReason).build();
    }

    static BatchConfig config() {
        return BatchConfig.newBuilder().setPeoplePerBatch(2).setImagesPerPerson(2).setSeed(666).setImageSize(32)
                .setBatchSize(6).setStrategy("semihard").setAlpha(0.3).setBatchNormTraining(true).setRandomCrop(true)
                .setRandomFlip(true).setFixedStandardization(false).build();
    }
}
