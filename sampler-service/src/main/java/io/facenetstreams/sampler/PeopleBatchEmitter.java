package io.facenetstreams.sampler;

import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.ImageHashes;
import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.PeopleSampler;
import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.TolerantPoll;
import io.facenetstreams.service.TopicTail;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Emits people-batches: samples the next one as the reference's {@code sample_people} (deterministic from the seed
 * and the sequence number, which continues after a restart), pins it to the newest checkpoint version, and
 * publishes the {@link PeopleBatch} and its {@link EmbeddingRequest} chunks in one transaction, so that a
 * batch is either wholly emitted or not at all. Keeps at most {@code max-in-flight-batches} batches between
 * emission and the trainer's completion, reading {@code training-progress} for completions.
 */
final class PeopleBatchEmitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleBatchEmitter.class);

    private final SamplingPlan plan;
    private final PeopleSampler sampler;
    private final ImageHashes hashes;
    private final CheckpointFeed checkpoints;
    private final InFlightWindow window;
    private final TrainerProgress trainer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, TrainingProgress> progress;
    private long sequence;

    PeopleBatchEmitter(SamplingPlan plan, Dataset dataset, KafkaClients kafka, CheckpointFeed checkpoints, Clock clock) {
        this.plan = plan;
        this.sampler = new PeopleSampler(dataset, plan.peoplePerBatch(), plan.imagesPerPerson());
        this.hashes = new ImageHashes(dataset.datasetRoot());
        this.checkpoints = checkpoints;
        this.window = new InFlightWindow(plan.maxInFlightBatches(), plan.batchTimeout(), clock);
        this.trainer = new TrainerProgress(plan.modelName(), window);
        this.producer = kafka.transactionalProducer(SpecificRecord.class, "sampler-" + plan.modelName());
        this.progress = kafka.consumer(null, TrainingProgress.class);
        recover(kafka);
        producer.initTransactions();
    }

    /** Finds where the previous run stopped: the next sequence number and the batches still in flight. */
    private void recover(KafkaClients kafka) {
        ResumePoint resume = ResumePoint.from(TopicTail.last(kafka, Topics.PEOPLE_BATCHES, PeopleBatch.class,
                plan.maxInFlightBatches() + 2).stream().map(ConsumerRecord::value).toList());
        sequence = resume.nextSequence();
        TopicPartition tp = new TopicPartition(Topics.TRAINING_PROGRESS, 0);
        progress.assign(List.of(tp));
        progress.seekToBeginning(List.of(tp));
        long end = progress.endOffsets(List.of(tp)).get(tp);
        while (progress.position(tp) < end) {
            pollProgress(Duration.ofMillis(200));
        }
        // Completions were read first, so batches the trainer already finished take no slot.
        resume.restore(window);
        window.expire();
        LOG.info("sampler: continuing at batch sequence {} (epoch {}); {} batch(es) in flight: {}", sequence, trainer.epoch(),
                window.inFlight(), window.sequences());
    }

    /** One round: take in completions, then emit a batch if the window has room. */
    boolean runOnce() throws InterruptedException {
        pollProgress(window.hasRoom() ? Duration.ZERO : Duration.ofMillis(500));
        for (long expired : window.expire()) {
            LOG.warn("sampler: batch {} was not finished within {}; no longer counting it as in flight",
                    PeopleBatchRecords.batchId(expired), plan.batchTimeout());
        }
        if (!window.hasRoom()) {
            return true;
        }
        Optional<Checkpoint> pinned = checkpoints.latest();
        if (pinned.isEmpty()) {
            LOG.info("sampler: waiting for the trainer's first checkpoint");
            checkpoints.awaitAny(Duration.ofSeconds(30));
            return true;
        }
        emit(pinned.get());
        return true;
    }

    private void emit(Checkpoint pinned) {
        PeopleBatchSample sample = sampler.sample(plan.seed(), sequence);
        if (!sample.isComplete()) {
            LOG.warn("sampler: the dataset holds fewer images than a batch needs ({} of {}); emitting what there is",
                    sample.imageCount(), sample.requestedImages());
        }
        PeopleBatchRecords records = PeopleBatchRecords.of(sample, sequence, trainer.epoch(), pinned.getVersion(),
                plan.batchConfig(pinned.getImageSize()), plan.chunkSize(), hashes);
        producer.beginTransaction();
        try {
            producer.send(new ProducerRecord<>(Topics.PEOPLE_BATCHES, records.batch().getBatchId(), records.batch()));
            for (EmbeddingRequest request : records.requests()) {
                producer.send(new ProducerRecord<>(Topics.EMBEDDING_REQUESTS, PeopleBatchRecords.requestKey(request), request));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw e;
        }
        window.emitted(sequence);
        LOG.info("sampler: emitted {} ({} people, {} images, {} chunk(s)) pinned to model version {}; {} in flight",
                records.batch().getBatchId(), sample.people().size(), sample.imageCount(), records.requests().size(),
                pinned.getVersion(), window.inFlight());
        sequence++;
    }

    private void pollProgress(Duration timeout) {
        for (ConsumerRecord<String, TrainingProgress> r : TolerantPoll.poll(progress, timeout, "sampler")) {
            trainer.accept(r.value());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        progress.close();
    }
}
