package io.facenetstreams.it;

import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GeneratorOptions;
import io.facenetstreams.core.synth.ProgressListener;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.stack.LocalPipeline;
import io.facenetstreams.stack.LocalStack;
import io.facenetstreams.stack.PipelineSettings;
import io.facenetstreams.stack.Ports;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five services on a real broker and registry, as separate processes (as {@code ./facenet up} runs them),
 * on a tiny generated dataset with the small network: triplets flow, steps train, checkpoints land every few
 * steps, embedders switch versions, evaluations arrive in version order, and no people-batch is embedded with
 * two versions, also when a checkpoint lands while its chunks are being embedded.
 */
class PipelineEndToEndIT {

    private static final long MAX_STEPS = 40;
    private static final long CHECKPOINT_EVERY = 1;
    private static final long RESUMED_STEPS = 10;

    @TempDir
    Path tmp;

    @Test
    void theReferenceLoopRunsAsServices() throws Exception {
        Path data = tmp.resolve("data");
        new FaceDatasetGenerator(new GeneratorOptions(30, 8, 8, 2, 12, 64, 7, 0.65, 2)).generate(data, ProgressListener.NONE);
        // One unreadable photo per identity: embedders must report it per image, and everything else must go on.
        try (var identities = java.nio.file.Files.list(data.resolve("train"))) {
            for (Path identity : identities.toList()) {
                java.nio.file.Files.writeString(identity.resolve(identity.getFileName() + "_0001.png"), "not a PNG at all");
            }
        }
        Map<String, String> training = new HashMap<>();
        training.put("batch_size", "15");
        training.put("seed", "666");
        training.put("alpha", "0.2");
        training.put("epoch_size", "1000");
        training.put("learning_rate", "0.1");
        PipelineSettings settings = new PipelineSettings(data.resolve("train"), data.resolve("lfw"), data.resolve("pairs.txt"),
                "small-cnn", training, CHECKPOINT_EVERY, MAX_STEPS, 0, 8, 5, 15, 2, "vggface", false, false, 2);
        LocalStack.Config stack = new LocalStack.Config(tmp.resolve("state"), Ports.freePort(), Ports.freePort(),
                Ports.freePort(), Duration.ofSeconds(180));
        Path home = Path.of(System.getProperty("facenet.home", "..")).toAbsolutePath().normalize();

        // One replica publishes its first chunk with NaN vectors (a test-only fault hook): the miner must close that
        // batch at once with the reason, and training must go on.
        LocalPipeline.Config faulty = new LocalPipeline.Config(stack, home, 2, settings)
                .withOverrides("embedder-1", Map.of("facenet.embedder.testing.non-finite-chunks", "1"));
        try (LocalPipeline pipeline = LocalPipeline.start(faulty, msg -> { })) {
            // Records that are not Avro at all, on the topics the embedders and the miner read.
            try (var raw = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    pipeline.stack().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.EMBEDDING_REQUESTS, "junk/0", "garbage request".getBytes())).get();
                raw.send(new ProducerRecord<>(Topics.EMBEDDINGS, "junk", "garbage chunk".getBytes())).get();
            }
            Topic<Evaluation> evaluations = awaitEvaluation(pipeline, MAX_STEPS);

            List<TrainingProgress> progress = new Topic<TrainingProgress>(pipeline, Topics.TRAINING_PROGRESS).drain();
            assertThat(progress.stream().filter(p -> p.getSkipped() == null).map(TrainingProgress::getStep).distinct())
                    .as("every step trained once").containsExactlyElementsOf(
                            java.util.stream.LongStream.rangeClosed(1, MAX_STEPS).boxed().toList());
            assertThat(progress).filteredOn(p -> p.getSkipped() == null).allSatisfy(p -> {
                assertThat(p.getLoss()).isFinite();
                assertThat(p.getStaleness()).isGreaterThanOrEqualTo(0);
            });

            List<TripletBatch> triplets = new Topic<TripletBatch>(pipeline, Topics.TRIPLETS).drain();
            assertThat(triplets).as("triplets flow").isNotEmpty();
            assertThat(triplets.stream().mapToInt(t -> t.getTriplets().size()).sum()).isGreaterThan(0);

            List<ConsumerRecord<String, Checkpoint>> checkpoints = new Topic<Checkpoint>(pipeline, Topics.CHECKPOINTS).drainRecords();
            List<Long> versions = checkpoints.stream().map(r -> r.value().getVersion()).toList();
            assertThat(versions).as("version 0, then every %d steps", CHECKPOINT_EVERY)
                    .containsExactlyElementsOf(java.util.stream.LongStream.iterate(0, v -> v <= MAX_STEPS, v -> v + CHECKPOINT_EVERY)
                            .boxed().toList());

            List<Evaluation> evaluated = evaluations.drain();
            List<Long> evaluatedVersions = evaluated.stream().map(Evaluation::getVersion).toList();
            assertThat(evaluatedVersions).as("evaluations in version order").isSorted().doesNotHaveDuplicates()
                    .contains(0L, MAX_STEPS);
            assertThat(evaluated).allSatisfy(e -> assertThat(e.getAccuracyMean()).isBetween(0.0, 1.0));

            List<PeopleBatch> batches = new Topic<PeopleBatch>(pipeline, Topics.PEOPLE_BATCHES).drain();
            Topic<EmbeddingChunk> embeddings = new Topic<>(pipeline, Topics.EMBEDDINGS);
            List<ConsumerRecord<String, EmbeddingChunk>> chunks = embeddings.drainRecords();
            assertThat(embeddings.undecodable).as("only the garbage chunk fails to decode").isEqualTo(1);
            Map<String, Long> pinned = batches.stream().collect(Collectors.toMap(PeopleBatch::getBatchId, PeopleBatch::getModelVersion));
            Map<String, List<ConsumerRecord<String, EmbeddingChunk>>> byBatch = chunks.stream()
                    .collect(Collectors.groupingBy(r -> r.value().getBatchId()));
            for (var entry : byBatch.entrySet()) {
                assertThat(entry.getValue()).as("chunks of %s", entry.getKey())
                        .allSatisfy(r -> assertThat(r.value().getModelVersion()).isEqualTo(pinned.get(entry.getKey())));
            }
            // Only the unreadable photos failed: no pinned version went missing, no other image was lost.
            List<io.facenetstreams.schemas.ImageFailure> failures = chunks.stream()
                    .flatMap(r -> r.value().getFailures().stream()).toList();
            assertThat(failures).as("the unreadable photos were sampled and reported").isNotEmpty();
            assertThat(failures).allSatisfy(f -> assertThat(f.getPath()).endsWith("_0001.png"));
            assertThat(triplets).allSatisfy(t -> assertThat(t.getImages())
                    .noneSatisfy(i -> assertThat(i.getPath()).endsWith("_0001.png")));
            // Dead letters are at least once: a record reported just before a rebalance (two embedders joining) is
            // read and reported again by the partition's next owner. One letter per source record and reason counts.
            List<DeadLetter> letters = new Topic<DeadLetter>(pipeline, Topics.DEAD_LETTERS).drain().stream()
                    .collect(Collectors.toMap(l -> l.getSourceTopic() + "/" + l.getPartition() + "@" + l.getOffset() + " " + l.getReason(),
                            l -> l, (a, b) -> a, java.util.LinkedHashMap::new))
                    .values().stream().toList();
            assertThat(letters).filteredOn(l -> l.getReason().contains("cannot be embedded"))
                    .as("one dead letter per unreadable image").hasSize(failures.size())
                    .allSatisfy(l -> {
                        assertThat(l.getSourceTopic()).isEqualTo(Topics.EMBEDDING_REQUESTS);
                        assertThat(l.getReason()).contains("_0001.png");
                    });
            assertThat(letters).filteredOn(l -> l.getReason().contains("deserialize"))
                    .as("the garbage records, reported by the embedders and the miner")
                    .extracting(DeadLetter::getSourceTopic)
                    .containsExactlyInAnyOrder(Topics.EMBEDDING_REQUESTS, Topics.EMBEDDINGS);
            List<TripletBatch> closed = triplets.stream().filter(t -> t.getClosedReason() != null).toList();
            assertThat(closed).as("the batch with the NaN chunk, closed by the miner").singleElement().satisfies(t -> {
                assertThat(t.getTriplets()).isEmpty();
                assertThat(t.getClosedReason()).contains("non-finite vector").contains("embedder embedder-1");
            });
            String closedId = closed.get(0).getBatchId();
            assertThat(progress).as("the trainer reports the closed batch complete, so the sampler's slot frees")
                    .anySatisfy(p -> {
                        assertThat(p.getBatchId()).isEqualTo(closedId);
                        assertThat(p.getBatchComplete()).isTrue();
                        assertThat(p.getSkipped()).startsWith("closed by the miner:");
                    });
            assertThat(letters).filteredOn(l -> l.getReason().contains("non-finite vector"))
                    .as("the miner's dead letter names the chunk").singleElement().satisfies(l -> {
                        assertThat(l.getSourceTopic()).isEqualTo(Topics.EMBEDDINGS);
                        assertThat(l.getService()).isEqualTo("miner");
                        assertThat(l.getReason()).containsPattern("chunk \\d+ of " + closedId);
                    });
            assertThat(batches.stream().filter(b -> b.getSequence() > closed.get(0).getSequence()))
                    .as("batches after the closed one were emitted and trained").isNotEmpty();
            assertThat(letters).hasSize(failures.size() + 3);
            Set<Long> embeddedVersions = chunks.stream().map(r -> r.value().getModelVersion()).collect(Collectors.toSet());
            assertThat(embeddedVersions).as("embedders switched to newer versions").hasSizeGreaterThanOrEqualTo(2);
            Set<String> embedders = chunks.stream().map(r -> r.value().getEmbedderId()).collect(Collectors.toSet());
            assertThat(embedders).as("both replicas embedded").hasSize(2);

            // A checkpoint landed while some batch's chunks were being embedded, and that batch kept its version.
            List<String> straddled = new ArrayList<>();
            for (var entry : byBatch.entrySet()) {
                long first = entry.getValue().stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
                long last = entry.getValue().stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
                long version = pinned.get(entry.getKey());
                boolean newer = checkpoints.stream().anyMatch(c -> c.value().getVersion() > version
                        && c.timestamp() >= first && c.timestamp() <= last);
                if (newer && entry.getValue().size() > 1) {
                    straddled.add(entry.getKey());
                }
            }
            System.out.printf("end-to-end: %d steps, %d people-batches, %d chunks embedded with versions %s by %s;"
                    + " %d unreadable images reported; checkpoints %s; evaluated %s; batches a checkpoint landed in: %s%n",
                    MAX_STEPS, batches.size(), chunks.size(), embeddedVersions, embedders, failures.size(), versions,
                    evaluatedVersions, straddled);
            assertThat(straddled).as("batches whose embedding a new checkpoint interrupted").isNotEmpty();
        }

        // Stopped and started again on the same state: the trainer resumes from its newest checkpoint, exactly.
        PipelineSettings more = new PipelineSettings(settings.trainDir(), settings.lfwDir(), settings.pairs(), "small-cnn",
                training, CHECKPOINT_EVERY, MAX_STEPS + RESUMED_STEPS, 0, 8, 5, 15, 2, "vggface", false, false, 2);
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Config(stack, home, 2, more), msg -> { })) {
            awaitEvaluation(pipeline, MAX_STEPS + RESUMED_STEPS).drain();
            List<Long> steps = new Topic<TrainingProgress>(pipeline, Topics.TRAINING_PROGRESS).drain().stream()
                    .filter(p -> p.getSkipped() == null).map(TrainingProgress::getStep).toList();
            assertThat(steps).as("each step of the model's history trained once, across the restart")
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, MAX_STEPS + RESUMED_STEPS).boxed().toList());
            List<Long> evaluated = new Topic<Evaluation>(pipeline, Topics.EVALUATIONS).drain().stream()
                    .map(Evaluation::getVersion).toList();
            assertThat(evaluated).as("no version evaluated twice, still in order").isSorted().doesNotHaveDuplicates()
                    .contains(MAX_STEPS + RESUMED_STEPS);
        }
    }

    /** Waits until version {@code version} is evaluated, failing fast if a service dies. */
    private static Topic<Evaluation> awaitEvaluation(LocalPipeline pipeline, long version) throws InterruptedException {
        Topic<Evaluation> evaluations = new Topic<>(pipeline, Topics.EVALUATIONS);
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (evaluations.records().stream().noneMatch(e -> e.getVersion() >= version)) {
            assertThat(pipeline.deadService()).as("a service died; see %s", pipeline.stack().state().logs()).isEmpty();
            assertThat(System.nanoTime()).as("version %d was evaluated within 8 minutes", version).isLessThan(deadline);
            Thread.sleep(1000);
            evaluations.poll();
        }
        return evaluations;
    }

    /** Reads a topic from the beginning without a group. */
    private static final class Topic<V extends SpecificRecord> {
        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        /** Records that did not decode (the garbage this test writes), skipped as the services skip them. */
        int undecodable;

        Topic(LocalPipeline pipeline, String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.stack().bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20),
                    new StringDeserializer(), new RegistryAvroDeserializer<>(
                    SchemaRegistryClient.shared(RegistrySerdeConfig.of(pipeline.stack().registryUrl())), true));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        @SuppressWarnings("unchecked")
        void poll() {
            try {
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(300))) {
                    seen.add((ConsumerRecord<String, V>) (ConsumerRecord<String, ?>) r);
                }
            } catch (RecordDeserializationException e) {
                undecodable++;
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }

        List<V> records() {
            return seen.stream().map(ConsumerRecord::value).toList();
        }

        /** Everything up to the current end of the topic. */
        List<ConsumerRecord<String, V>> drainRecords() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                poll();
            }
            consumer.close();
            return seen;
        }

        List<V> drain() {
            return drainRecords().stream().map(ConsumerRecord::value).toList();
        }
    }
}
