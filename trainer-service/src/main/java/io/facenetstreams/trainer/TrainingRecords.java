package io.facenetstreams.trainer;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.ConsumedPosition;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.stage.TripletImages;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.train.TripletBatchSteps.StepReport;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.TopicPartitionOffset;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.runtime.BadRecordException;

import java.time.Clock;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * The trainer's record mapping, no Kafka client in it: a {@link TripletBatch} record into the train stage's
 * {@link TripletImages}, each step (or a batch not trained on) into a {@link TrainingProgress} record, and a
 * saved checkpoint into its {@link Checkpoint} announcement.
 */
final class TrainingRecords {

    private final String modelName;
    private final int epochSize;
    private final LongToDoubleFunction learningRate;
    private final String advertisedUrl;
    private final Clock clock;

    /**
     * @param learningRate  the schedule's rate for a global step: what a progress record without a step reports
     * @param advertisedUrl the base URL this service serves its checkpoint files under
     */
    TrainingRecords(String modelName, int epochSize, LongToDoubleFunction learningRate, String advertisedUrl, Clock clock) {
        this.modelName = modelName;
        this.epochSize = epochSize;
        this.learningRate = learningRate;
        this.advertisedUrl = advertisedUrl;
        this.clock = clock;
    }

    /**
     * The record's triplets as the stage takes them: its images (with their hashes) and the (anchor, positive,
     * negative) indices into them.
     *
     * @throws BadRecordException when an index leaves the record's images: the record is wrong in itself
     */
    static TripletImages triplets(TripletBatch batch) {
        List<ImageBatchLoader.Source> images = batch.getImages().stream()
                .map(ref -> ImageBatchLoader.Source.reference(ref.getPath(), ref.getSha256())).toList();
        int[] indices = new int[3 * batch.getTriplets().size()];
        int i = 0;
        for (Triplet t : batch.getTriplets()) {
            indices[i++] = t.getAnchor();
            indices[i++] = t.getPositive();
            indices[i++] = t.getNegative();
        }
        try {
            return new TripletImages(images, indices);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException("triplet batch " + batch.getBatchId() + " part " + batch.getPart() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Why the batch is not trained on at all, or null when it is: too stale, closed by the miner, or empty. */
    static String notTrained(TripletBatch batch, long staleness, long maxStaleness) {
        if (maxStaleness > 0 && staleness > maxStaleness) {
            return "too stale: mined " + staleness + " steps ago";
        }
        if (batch.getClosedReason() != null) {
            return "closed by the miner: " + batch.getClosedReason();
        }
        return batch.getTriplets().isEmpty() ? "no triplets" : null;
    }

    /** Why a step changed nothing, or null when it was applied. */
    static String skipped(StepReport report) {
        if (report.result() == null) {
            return "every triplet of the step had an unreadable image";
        }
        return report.result().applied() ? null : "step not applied, model kept: " + report.result().rejected();
    }

    /** Whether the record is the last part of its people-batch: its last step closes the batch for the sampler. */
    static boolean lastPart(TripletBatch batch) {
        return batch.getPart() == batch.getPartCount() - 1;
    }

    /** The progress record of a batch not trained on (it still closes its people-batch when it is the last part). */
    TrainingProgress notTrained(TripletBatch batch, long step, String reason) {
        return progress(batch, step, lastPart(batch), null, step - batch.getModelVersion(), reason);
    }

    /** The progress record of one step of {@code batch}, at global step {@code step} after it. */
    TrainingProgress step(TripletBatch batch, long step, StepReport report) {
        return progress(batch, step, report.lastStep() && lastPart(batch), report.result(), step - batch.getModelVersion(),
                skipped(report));
    }

    private TrainingProgress progress(TripletBatch batch, long step, boolean closesBatch, StepResult result, long staleness,
                                      String skipped) {
        return TrainingProgress.newBuilder()
                .setModelName(modelName)
                .setStep(step)
                .setEpoch((int) (step / epochSize))
                .setBatchId(batch.getBatchId())
                .setBatchSequence(batch.getSequence())
                .setBatchComplete(closesBatch)
                .setLoss(result == null ? Double.NaN : result.totalLoss())
                .setLearningRate(result == null ? learningRate.applyAsDouble(step) : result.learningRate())
                .setStaleness(staleness)
                .setStepMillis(result == null ? 0 : result.stepMillis())
                .setTriplets(result == null ? 0 : result.triplets())
                .setTimestamp(clock.instant())
                .setSkipped(skipped)
                .build();
    }

    /** The announcement of a saved checkpoint: where to fetch it, its hash and the triplet offset it has consumed to. */
    Checkpoint announcement(CheckpointInfo info) {
        return Checkpoint.newBuilder()
                .setModelName(modelName)
                .setVersion(info.version())
                .setEpoch(info.epoch())
                .setArchitecture(info.architecture().cliName())
                .setEmbeddingSize(info.embeddingSize())
                .setImageSize(info.imageSize())
                .setUri(advertisedUrl + "/checkpoints/" + info.version())
                .setSha256(info.sha256())
                .setSizeBytes(info.sizeBytes())
                .setConsumedOffsets(List.of(TopicPartitionOffset.newBuilder().setTopic(Topics.TRIPLETS).setPartition(0)
                        .setOffset(ConsumedPosition.fromMetadata(info.metadata()).offset()).build()))
                .setCreatedAt(info.createdAt())
                .build();
    }
}
