package io.facenetstreams.schemas.topics;

import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.TripletBatch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The topic catalogue: every topic of DESIGN.md with its layout. Every module takes topic names from
 * here, never from string literals of its own.
 */
public final class Topics {

    public static final String PEOPLE_BATCHES = "people-batches";
    public static final String EMBEDDING_REQUESTS = "embedding-requests";
    public static final String EMBEDDINGS = "embeddings";
    public static final String TRIPLETS = "triplets";
    public static final String TRAINING_PROGRESS = "training-progress";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String EVALUATIONS = "evaluations";
    public static final String DEAD_LETTERS = "dead-letters";

    /**
     * people-batches and embeddings are both keyed by batch id with the same partition count, so that
     * one miner task sees a batch's manifest and all its chunks (Kafka Streams co-partitioning).
     */
    public static final int BATCH_PARTITIONS = 4;

    /** Enough partitions for several embedder replicas in one consumer group. */
    public static final int EMBEDDING_REQUEST_PARTITIONS = 12;

    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;

    public static final TopicSpec PEOPLE_BATCHES_TOPIC = new TopicSpec(
            PEOPLE_BATCHES, BATCH_PARTITIONS, TopicSpec.DELETE, "batch id", PeopleBatch.class, WEEK_MS, 8 << 20);
    public static final TopicSpec EMBEDDING_REQUESTS_TOPIC = new TopicSpec(
            EMBEDDING_REQUESTS, EMBEDDING_REQUEST_PARTITIONS, TopicSpec.DELETE, "batch id/chunk index",
            EmbeddingRequest.class, WEEK_MS, -1);
    public static final TopicSpec EMBEDDINGS_TOPIC = new TopicSpec(
            EMBEDDINGS, BATCH_PARTITIONS, TopicSpec.DELETE, "batch id", EmbeddingChunk.class, WEEK_MS, 8 << 20);
    /**
     * One partition: the single trainer consumes triplet batches in one total order. Up to 8 MiB a record: a
     * default batch's ~35,000 triplets take ~0.5 MB as indices, and larger selections are split into parts.
     */
    public static final TopicSpec TRIPLETS_TOPIC = new TopicSpec(
            TRIPLETS, 1, TopicSpec.DELETE, "batch id", TripletBatch.class, -1, 8 << 20);
    public static final TopicSpec TRAINING_PROGRESS_TOPIC = new TopicSpec(
            TRAINING_PROGRESS, 1, TopicSpec.DELETE, "model name", TrainingProgress.class, -1, -1);
    /** Compacted: the newest checkpoint of a model survives, so a new embedder finds it. */
    public static final TopicSpec CHECKPOINTS_TOPIC = new TopicSpec(
            CHECKPOINTS, 1, TopicSpec.COMPACT, "model name", Checkpoint.class, -1, -1);
    public static final TopicSpec EVALUATIONS_TOPIC = new TopicSpec(
            EVALUATIONS, 1, TopicSpec.DELETE, "model name", Evaluation.class, -1, -1);
    public static final TopicSpec DEAD_LETTERS_TOPIC = new TopicSpec(
            DEAD_LETTERS, 1, TopicSpec.DELETE, "source topic", DeadLetter.class, -1, 8 << 20);

    /** All topics, in pipeline order. */
    public static final List<TopicSpec> ALL = List.of(
            PEOPLE_BATCHES_TOPIC,
            EMBEDDING_REQUESTS_TOPIC,
            EMBEDDINGS_TOPIC,
            TRIPLETS_TOPIC,
            TRAINING_PROGRESS_TOPIC,
            CHECKPOINTS_TOPIC,
            EVALUATIONS_TOPIC,
            DEAD_LETTERS_TOPIC);

    private Topics() {
    }

    public static Optional<TopicSpec> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The spec of a topic, or a clear error listing the known topics. */
    public static TopicSpec byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown topic '" + name + "'; known topics: " + names()));
    }

    public static String names() {
        return ALL.stream().map(TopicSpec::name).collect(Collectors.joining(", "));
    }
}
