package io.facenetstreams.it;

import io.facenetstreams.cli.StageLedgerReader;
import io.facenetstreams.cli.StallReport;
import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code up --stall-timeout} reads: batches published by hand on real topics end up in the stage that
 * holds them, batches in flight from before the watch started included, and each catch-up reads only what is new.
 */
@WithKafkaStack
class StallReportIT {

    @Test
    void theReportNamesTheStageHoldingEachBatchFromTheTopics(TestStack stack) throws Exception {
        StageLedgerReader.TopicNames topics = new StageLedgerReader.TopicNames(stack.newTopic("people-batches", 4),
                stack.newTopic("embeddings", 4), stack.newTopic("triplets", 1), stack.newTopic("training-progress", 1),
                stack.newTopic("dead-letters", 1));
        try (KafkaProducer<String, SpecificRecord> producer = stack.producer(SpecificRecord.class)) {
            // Before the watch: one batch trained, one still half embedded, and a dead letter of an earlier run.
            batch(producer, topics, "b-000000001", 1);
            chunk(producer, topics, "b-000000001", 0);
            triplets(producer, topics, "b-000000001");
            completed(producer, topics, "b-000000001");
            batch(producer, topics, "b-000000002", 2);
            chunk(producer, topics, "b-000000002", 1);
            deadLetter(producer, topics, "an earlier run's trouble");
            producer.flush();
            Thread.sleep(50);
            Instant since = Instant.now();

            StallReport report = new StallReport(Duration.ofSeconds(60), System.nanoTime(), ZoneOffset.UTC);
            try (StageLedgerReader reader = new StageLedgerReader(stack.bootstrapServers(), stack.registryUrl(), topics,
                    report, since, Duration.ofSeconds(30))) {
                batch(producer, topics, "b-000000003", 1);
                chunk(producer, topics, "b-000000003", 0);
                batch(producer, topics, "b-000000004", 1);
                chunk(producer, topics, "b-000000004", 0);
                triplets(producer, topics, "b-000000004");
                deadLetter(producer, topics, "chunk 0 of b-000000005 is not Avro");
                deadLetter(producer, topics, "chunk 0 of b-000000005 is not Avro");
                producer.flush();

                reader.catchUp(Duration.ofSeconds(20));
                List<String> lines = report.render(System.nanoTime(), Map.of("embedder-2", "worker died: java.lang.OutOfMemoryError"));
                assertThat(lines).containsSubsequence(
                        "  waiting in embedders: 1 batch emitted but not fully embedded (b-000000002 1/2 chunks)",
                        "  waiting in miner:     1 batch embedded but not mined (b-000000003)",
                        "  waiting in trainer:   1 batch mined but not trained (b-000000004)",
                        "  service embedder-2 health DOWN: worker died: java.lang.OutOfMemoryError");
                assertThat(lines).anyMatch(l -> l.startsWith("  newest dead letters: [miner, " + topics.embeddings()
                        + "] chunk 0 of b-000000005 is not Avro (x2)"));
                assertThat(lines).noneMatch(l -> l.contains("an earlier run's trouble"));

                // The next catch-up reads only the new records: the batch trained since leaves the trainer's count.
                completed(producer, topics, "b-000000004");
                chunk(producer, topics, "b-000000002", 0);
                producer.flush();
                reader.catchUp(Duration.ofSeconds(20));
                StallReport.Stages stages = report.stages();
                assertThat(stages.embedding()).isEmpty();
                assertThat(stages.mining()).containsExactlyInAnyOrder("b-000000002", "b-000000003");
                assertThat(stages.training()).isEmpty();
            }
        }
    }

    private static void batch(KafkaProducer<String, SpecificRecord> producer, StageLedgerReader.TopicNames topics, String id,
                              int chunks) {
        PeopleBatch batch = PeopleBatch.newBuilder(SampleRecords.peopleBatch()).setBatchId(id).setChunkCount(chunks).build();
        producer.send(new ProducerRecord<>(topics.peopleBatches(), id, batch));
    }

    private static void chunk(KafkaProducer<String, SpecificRecord> producer, StageLedgerReader.TopicNames topics, String id,
                              int index) {
        EmbeddingChunk chunk = EmbeddingChunk.newBuilder(SampleRecords.embeddingChunk()).setBatchId(id).setChunkIndex(index).build();
        producer.send(new ProducerRecord<>(topics.embeddings(), id, chunk));
    }

    private static void triplets(KafkaProducer<String, SpecificRecord> producer, StageLedgerReader.TopicNames topics, String id) {
        TripletBatch triplets = TripletBatch.newBuilder(SampleRecords.tripletBatch()).setBatchId(id).build();
        producer.send(new ProducerRecord<>(topics.triplets(), id, triplets));
    }

    private static void completed(KafkaProducer<String, SpecificRecord> producer, StageLedgerReader.TopicNames topics, String id) {
        TrainingProgress progress = TrainingProgress.newBuilder(SampleRecords.trainingProgress()).setBatchId(id)
                .setBatchComplete(true).build();
        producer.send(new ProducerRecord<>(topics.trainingProgress(), "facenet", progress));
    }

    private static void deadLetter(KafkaProducer<String, SpecificRecord> producer, StageLedgerReader.TopicNames topics,
                                   String reason) {
        DeadLetter letter = DeadLetter.newBuilder(SampleRecords.deadLetter()).setSourceTopic(topics.embeddings())
                .setReason(reason).setTimestamp(Instant.now()).build();
        producer.send(new ProducerRecord<>(topics.deadLetters(), topics.embeddings(), letter));
    }
}
