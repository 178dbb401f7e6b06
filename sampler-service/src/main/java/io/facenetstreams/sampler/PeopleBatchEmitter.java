package io.facenetstreams.sampler;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.PeopleSampler;
import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.BatchConfig;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private final DatasetRoot root;
    private final CheckpointFeed checkpoints;
    private final InFlightWindow window;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, TrainingProgress> progress;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private long sequence;
    private int epoch;

    PeopleBatchEmitter(SamplingPlan plan, Dataset dataset, KafkaClients kafka, CheckpointFeed checkpoints, Clock clock) {
        this.plan = plan;
        this.sampler = new PeopleSampler(dataset, plan.peoplePerBatch(), plan.imagesPerPerson());
        this.root = dataset.datasetRoot();
        this.checkpoints = checkpoints;
        this.window = new InFlightWindow(plan.maxInFlightBatches(), plan.batchTimeout(), clock);
        this.producer = kafka.transactionalProducer(SpecificRecord.class, "sampler-" + plan.modelName());
        this.progress = kafka.consumer(null, TrainingProgress.class);
        recover(kafka);
        producer.initTransactions();
    }

    /** Finds where the previous run stopped: the next sequence number and the batches still in flight. */
    private void recover(KafkaClients kafka) {
        List<ConsumerRecord<String, PeopleBatch>> recent = TopicTail.last(kafka, Topics.PEOPLE_BATCHES, PeopleBatch.class,
                plan.maxInFlightBatches() + 2);
        long last = -1;
        for (ConsumerRecord<String, PeopleBatch> r : recent) {
            last = Math.max(last, r.value().getSequence());
        }
        sequence = last + 1;
        TopicPartition tp = new TopicPartition(Topics.TRAINING_PROGRESS, 0);
        progress.assign(List.of(tp));
        progress.seekToBeginning(List.of(tp));
        long end = progress.endOffsets(List.of(tp)).get(tp);
        while (progress.position(tp) < end) {
            pollProgress(Duration.ofMillis(200));
        }
        // Batches emitted before the restart that the trainer has not finished still hold their slots.
        for (ConsumerRecord<String, PeopleBatch> r : recent) {
            window.emitted(r.value().getSequence(), r.value().getCreatedAt());
        }
        window.expire();
        LOG.info("sampler: continuing at batch sequence {} (epoch {}); {} batch(es) in flight: {}", sequence, epoch,
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
        BatchConfig config = BatchConfig.newBuilder()
                .setPeoplePerBatch(plan.peoplePerBatch())
                .setImagesPerPerson(plan.imagesPerPerson())
                .setSeed(plan.seed())
                .setImageSize(pinned.getImageSize())
                .setBatchSize(plan.batchSize())
                .setStrategy(plan.strategy().cliName())
                .setAlpha(plan.alpha())
                .setBatchNormTraining(plan.batchNormTraining())
                .setRandomCrop(plan.randomCrop())
                .setRandomFlip(plan.randomFlip())
                .setFixedStandardization(plan.fixedStandardization())
                .build();
        PeopleBatchRecords records = PeopleBatchRecords.of(sample, sequence, epoch, pinned.getVersion(), config,
                plan.chunkSize(), this::sha256);
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
            TrainingProgress p = r.value();
            if (p != null && plan.modelName().equals(p.getModelName())) {
                epoch = Math.max(epoch, p.getEpoch());
                if (p.getBatchComplete() && p.getBatchSequence() >= 0) {
                    window.completed(p.getBatchSequence());
                }
            }
        }
    }

    private String sha256(String reference) {
        return hashes.computeIfAbsent(reference, ref -> {
            try {
                return ContentHash.sha256(root.resolve(ref));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + ref + " under " + root.root() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        progress.close();
    }
}
