package io.facenetstreams.trainer;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.checkpoint.ConsumedPosition;
import io.facenetstreams.core.checkpoint.TrainingCheckpoints;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.stage.TrainStage;
import io.facenetstreams.core.stage.TripletImages;
import io.facenetstreams.core.train.LearningRateSchedule;
import io.facenetstreams.core.train.TrainingDivergedException;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletBatchSteps;
import io.facenetstreams.core.train.TripletTrainer;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.service.DeadLetterReporter;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.BatchPreprocessing;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.TopicTail;
import io.facenetstreams.service.runtime.BadRecordException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The trainer service's loop: trains on the {@code triplets} topic, in order, exactly once in the model's
 * history: the {@link TrainStage} behind the topics, each record with the margin it was mined with. Every checkpoint records the offset of
 * the next triplet batch and how many of its steps are already trained, and a restarted trainer loads its
 * newest valid checkpoint and continues from exactly there. Publishes a {@link TrainingProgress} per step
 * (the last step of a people-batch closes it for the sampler's window) and a {@link Checkpoint} event every
 * {@code checkpoint-every} steps, after the file is safely written.
 */
final class TrainerLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerLoop.class);

    private final String modelName;
    private final TrainingOptions options;
    private final long checkpointEvery;
    private final long maxSteps;
    private final long maxStaleness;
    private final TrainingRecords records;
    private final TrainStage stage;
    private final TrainingCheckpoints checkpoints;
    private final TripletTrainer trainer;
    private final LearningRateSchedule schedule;
    private final KafkaConsumer<String, TripletBatch> consumer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final DeadLetterReporter deadLetters;
    private final TopicPartition partition = new TopicPartition(Topics.TRIPLETS, 0);
    /** Where the loaded checkpoint left off; only the first record trained after a start can be inside it. */
    private ConsumedPosition resume;

    TrainerLoop(TrainerConfig.Trainer config, String modelName, java.nio.file.Path dataDir, String advertisedUrl,
                        KafkaClients kafka) throws IOException {
        this.modelName = modelName;
        this.options = TrainingOptions.fromMap(config.options());
        NetworkArchitecture architecture = NetworkArchitecture.fromName(config.architecture());
        this.checkpointEvery = config.checkpointEvery() > 0 ? config.checkpointEvery() : options.epochSize();
        this.maxSteps = config.maxSteps();
        this.maxStaleness = config.maxStaleness();
        this.stage = new TrainStage(DatasetRoot.of(dataDir));
        this.checkpoints = new TrainingCheckpoints(new CheckpointStore(config.checkpointDir(), config.keepCheckpoints()),
                modelName, options.epochSize());
        this.schedule = LearningRateSchedule.from(options);
        this.records = new TrainingRecords(modelName, options.epochSize(), schedule::forStep, advertisedUrl, Clock.systemUTC());
        this.producer = kafka.producer(SpecificRecord.class);
        this.deadLetters = kafka.deadLetters();
        TrainingCheckpoints.Resumed resumed = checkpoints.resumeOrCreate(architecture, options,
                ai.djl.engine.Engine.getInstance().defaultDevice());
        this.trainer = resumed.trainer();
        this.resume = resumed.position();
        if (resumed.checkpoint() != null) {
            LOG.info("trainer: resumed from checkpoint version {} ({}); continuing at triplets offset {} after {} step(s) of it",
                    resumed.checkpoint().version(), resumed.checkpoint().path(), resume.offset(), resume.stepsInBatch());
        } else {
            LOG.info("trainer: new {} network ({}-d embeddings, {} px) on {}", architecture.cliName(),
                    options.embeddingSize(), trainer.spec().imageSize(), trainer.network().device());
            checkpoint(ConsumedPosition.START);
        }
        trainer.setMaxRejectedSteps(config.maxRejectedSteps());
        publishIfMissing(kafka, checkpoints.last());
        this.consumer = kafka.consumer(null, TripletBatch.class, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        consumer.assign(List.of(partition));
        long start = Math.max(resume.offset(), consumer.beginningOffsets(List.of(partition)).get(partition));
        consumer.seek(partition, start);
    }

    /**
     * One poll; returns false when the step budget is spent (the service keeps serving checkpoints). Throws
     * {@link TrainingDivergedException} when too many steps in a row were not finite: the caller must stop the
     * service (the batch's record is consumed but not checkpointed, so a restart trains it again).
     */
    boolean runOnce() {
        if (budgetSpent()) {
            return false;
        }
        for (ConsumerRecord<String, TripletBatch> record : deadLetters.poll(consumer, Duration.ofMillis(500))) {
            if (!train(record)) {
                return false;
            }
        }
        return true;
    }

    /** Trains on one triplet batch (or its rest, after a resume); false when the step budget ran out. */
    private boolean train(ConsumerRecord<String, TripletBatch> record) {
        TripletBatch batch = record.value();
        long offset = record.offset();
        int firstStep = resume.firstStepOf(offset);
        resume = ConsumedPosition.START;
        String notTrained = TrainingRecords.notTrained(batch, trainer.globalStep() - batch.getModelVersion(), maxStaleness);
        if (notTrained != null) {
            LOG.warn("trainer: not training {} part {} (mined with version {}): {}", batch.getBatchId(), batch.getPart(),
                    batch.getModelVersion(), notTrained);
            publish(records.notTrained(batch, trainer.globalStep(), notTrained));
            return true;
        }
        TripletImages triplets;
        try {
            triplets = TrainingRecords.triplets(batch);
        } catch (BadRecordException e) {
            deadLetters.report(record.topic(), record.partition(), offset, null, null, e.getMessage(), e);
            // The batch still ends: its progress record frees the sampler's slot instead of a time-out.
            publish(records.notTrained(batch, trainer.globalStep(), "bad triplet record: " + e.getMessage()));
            return true;
        }
        // The loss's margin is the one the batch was mined with, not this trainer's own.
        TripletBatchSteps.Outcome outcome = stage.train(trainer, triplets,
                BatchPreprocessing.of(batch.getConfig(), trainer.spec().imageSize()), batch.getAlpha(), schedule::forStep,
                options.seed(), TrainStage.partKey(batch.getSequence(), batch.getPart()), firstStep, report -> {
                    for (ImageBatchLoader.Failure f : report.failures()) {
                        deadLetters.report(record.topic(), record.partition(), offset, null, null,
                                "image " + f.image() + " of " + batch.getBatchId() + " cannot be trained on: " + f.reason(), null);
                    }
                    // The checkpoint first: a sampler that sees the batch finished then pins the newest model.
                    if (trainer.globalStep() % checkpointEvery == 0 || budgetSpent()) {
                        checkpoint(ConsumedPosition.afterStep(offset, report.stepIndex(), report.lastStep()));
                    }
                    if (report.result() != null && !report.result().applied()) {
                        String step = "step " + (report.stepIndex() + 1) + " of " + report.stepCount() + " of " + batch.getBatchId();
                        LOG.warn("trainer: {}: {}", step, TrainingRecords.skipped(report));
                        deadLetters.report(record.topic(), record.partition(), offset, null, null,
                                step + " was not applied: " + report.result().rejected(), null);
                    }
                    publish(records.step(batch, trainer.globalStep(), report));
                    return !budgetSpent();
                });
        return !outcome.stopped() && !budgetSpent();
    }

    private void publish(TrainingProgress progress) {
        producer.send(new ProducerRecord<>(Topics.TRAINING_PROGRESS, modelName, progress));
    }

    /** Writes a checkpoint (file first, atomically) and announces it. */
    private void checkpoint(ConsumedPosition position) {
        checkpoints.save(trainer, position).ifPresent(this::publish);
    }

    private void publish(CheckpointInfo info) {
        Checkpoint event = records.announcement(info);
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, modelName, event)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing checkpoint " + info.version(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not announce checkpoint " + info.version() + ": " + e.getMessage(), e);
        }
        LOG.info("trainer: checkpoint version {} (epoch {}, {} KB, sha256 {}) at {}", info.version(), info.epoch(),
                info.sizeBytes() / 1024, info.sha256().substring(0, 12), event.getUri());
    }

    /** After a crash between writing a checkpoint and announcing it, announce it now. */
    private void publishIfMissing(KafkaClients kafka, CheckpointInfo info) {
        long announced = TopicTail.last(kafka, Topics.CHECKPOINTS, Checkpoint.class, 5).stream()
                .map(ConsumerRecord::value)
                .filter(c -> c != null && modelName.equals(c.getModelName()))
                .mapToLong(Checkpoint::getVersion).max().orElse(-1);
        if (announced < info.version()) {
            publish(info);
        }
    }

    private boolean budgetSpent() {
        return maxSteps > 0 && trainer.globalStep() >= maxSteps;
    }

    CheckpointStore store() {
        return checkpoints.store();
    }

    @Override
    public void close() {
        consumer.close();
        producer.close(Duration.ofSeconds(10));
        deadLetters.close();
        trainer.close();
    }
}
