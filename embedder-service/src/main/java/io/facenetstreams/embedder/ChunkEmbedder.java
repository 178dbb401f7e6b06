package io.facenetstreams.embedder;

import ai.djl.Device;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.pipeline.ModelVersions;
import io.facenetstreams.core.stage.EmbedStage;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.BatchPreprocessing;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.CheckpointCache;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.runtime.TransactionalLoop;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Embeds the chunks of people-batches: the {@link EmbedStage} behind the topics, on the services' transactional
 * runtime ({@link TransactionalLoop}). Each {@link EmbeddingRequest} is embedded with the model version its batch
 * is pinned to (loading that version's checkpoint if it is not held); the {@link EmbeddingChunk}, the dead letters
 * of its images and the request's offset are committed in one transaction. Between chunks it loads the newest
 * announced version, so a refresh never stops embedding. A request given up on is dead-lettered and answered with
 * a chunk whose images all failed, so that its batch still ends.
 */
final class ChunkEmbedder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkEmbedder.class);

    private final String id;
    private final Duration versionWait;
    private final int maxAttempts;
    private final CheckpointFeed checkpoints;
    private final CheckpointCache cache;
    private final ModelVersions<EmbeddingModel> models;
    private final KafkaConsumer<String, EmbeddingRequest> consumer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final TransactionalLoop<EmbeddingRequest> loop;
    private final Device device;
    private final EmbedStage stage;
    private int corruptChunksLeft;
    private volatile long newestAnnounced = -1;

    ChunkEmbedder(String id, EmbedderConfig.Embedder config, Path dataDir, KafkaClients kafka, CheckpointFeed checkpoints) {
        this.id = id;
        this.versionWait = config.versionWait();
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.stage = new EmbedStage(DatasetRoot.of(dataDir));
        this.checkpoints = checkpoints;
        this.cache = new CheckpointCache(checkpoints, config.cacheDir(), config.cachedCheckpoints());
        this.device = ai.djl.engine.Engine.getInstance().defaultDevice();
        this.models = new ModelVersions<>(Math.max(1, config.modelsKept()), this::load);
        // One request per poll: embedding a chunk takes seconds, and the group must see us alive between them.
        this.consumer = kafka.consumer("embedder", EmbeddingRequest.class, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 900_000));
        this.producer = kafka.transactionalProducer(SpecificRecord.class, "embedder-" + id + "-" + UUID.randomUUID());
        producer.initTransactions();
        this.loop = new TransactionalLoop<>("embedder", consumer, producer, this::handle, this::closeAsFailed, maxAttempts);
        consumer.subscribe(List.of(Topics.EMBEDDING_REQUESTS));
        checkpoints.onCheckpoint(c -> newestAnnounced = Math.max(newestAnnounced, c.getVersion()));
        this.corruptChunksLeft = config.testingNonFiniteChunks();
        if (corruptChunksLeft > 0) {
            LOG.warn("embedder {}: TEST FAULT INJECTION: the next {} chunk(s) will be published with NaN vectors"
                    + " (facenet.embedder.testing.non-finite-chunks)", id, corruptChunksLeft);
        }
        LOG.info("embedder {}: embedding on {}", id, device);
    }

    boolean runOnce() {
        refresh();
        loop.runOnce(Duration.ofMillis(500));
        return true;
    }

    /** Loads the newest announced version between chunks, so that requests pinned to it find it ready. */
    private void refresh() {
        long newest = newestAnnounced;
        if (newest > models.newest()) {
            try {
                long t0 = System.nanoTime();
                models.get(newest);
                LOG.info("embedder {}: refreshed to model version {} in {} ms (holding {})", id, newest,
                        (System.nanoTime() - t0) / 1_000_000, models.versions());
            } catch (Exception e) {
                LOG.warn("embedder {}: could not refresh to version {}: {}; keeping {}", id, newest, e.getMessage(),
                        models.versions());
                newestAnnounced = models.newest();
            }
        }
    }

    /** The embed stage behind the topic: a request in, its chunk (and per-image dead letters) out. */
    private void handle(ConsumerRecord<String, EmbeddingRequest> record, TransactionalLoop.Output out) {
        EmbeddingChunk chunk = embed(record, out);
        out.send(Topics.EMBEDDINGS, chunk.getBatchId(), chunk);
        LOG.info("embedder {}: {} chunk {}/{} with version {}: {} images in {} ms{}", id, chunk.getBatchId(),
                chunk.getChunkIndex() + 1, chunk.getChunkCount(), chunk.getModelVersion(), chunk.getIndices().size(),
                chunk.getEmbedMillis(), chunk.getFailures().isEmpty() ? "" : ", " + chunk.getFailures().size() + " failed");
    }

    /** A request given up on is still answered, with every image failed, so that its batch ends. */
    private void closeAsFailed(ConsumerRecord<String, EmbeddingRequest> record, String reason, TransactionalLoop.Output out) {
        EmbeddingChunk chunk = EmbeddingChunks.failed(record.value(), "embedding failed: " + reason, id);
        out.send(Topics.EMBEDDINGS, chunk.getBatchId(), chunk);
    }

    private EmbeddingChunk embed(ConsumerRecord<String, EmbeddingRequest> record, TransactionalLoop.Output out) {
        EmbeddingRequest request = record.value();
        long t0 = System.nanoTime();
        long version = request.getModelVersion();
        EmbeddingModel model;
        try {
            model = models.get(version);
        } catch (Exception e) {
            String reason = "model version " + version + " is unavailable: " + e.getMessage();
            LOG.warn("embedder {}: {} chunk {}: {}", id, request.getBatchId(), request.getChunkIndex(), reason);
            out.deadLetter(reason, e);
            return EmbeddingChunks.failed(request, reason, id);
        }
        BatchConfig config = request.getConfig();
        BatchNormMode mode = config.getBatchNormTraining() ? BatchNormMode.TRAINING : BatchNormMode.INFERENCE;
        EmbedStage.Result embedded = stage.embed(EmbeddingChunks.sources(request), BatchPreprocessing.of(config,
                model.imageSize()), model, mode, config.getBatchSize(),
                EmbedStage.chunkKey(config.getSeed(), request.getSequence(), request.getChunkIndex()));
        if (embedded.retried()) {
            LOG.warn("embedder {}: {} chunk {} gave non-finite vectors with version {}; embedded it again: {} row(s) still"
                    + " not finite", id, request.getBatchId(), request.getChunkIndex(), version, embedded.nonFinite().size());
        }
        EmbeddingChunks.Mapped mapped = EmbeddingChunks.of(request, embedded, version, model.embeddingSize(), id,
                (System.nanoTime() - t0) / 1_000_000);
        mapped.deadLetters().forEach(reason -> out.deadLetter(reason, null));
        if (corruptChunksLeft > 0 && !mapped.chunk().getIndices().isEmpty()) {
            corruptChunksLeft--;
            LOG.warn("embedder {}: TEST FAULT INJECTION: publishing {} chunk {} with NaN vectors", id,
                    request.getBatchId(), request.getChunkIndex());
            return EmbeddingChunks.withNaNVectors(mapped.chunk());
        }
        return mapped.chunk();
    }

    private EmbeddingModel load(long version) throws Exception {
        Optional<Checkpoint> checkpoint = checkpoints.version(version);
        if (checkpoint.isEmpty()) {
            LOG.info("embedder {}: waiting up to {} for checkpoint version {} to be announced", id, versionWait, version);
            checkpoint = checkpoints.awaitVersion(version, versionWait);
        }
        if (checkpoint.isEmpty()) {
            throw new IllegalStateException("checkpoint version " + version + " was not announced on '" + Topics.CHECKPOINTS
                    + "' within " + versionWait);
        }
        Checkpoint c = checkpoint.get();
        Path file = cache.file(c);
        return CheckpointStore.load(file, c.getSha256(), NetworkArchitecture.fromName(c.getArchitecture()),
                c.getEmbeddingSize(), device);
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("embedder {}: closing the consumer: {}", id, e.toString());
        }
        producer.close(Duration.ofSeconds(10));
        models.close();
        cache.close();
    }
}
