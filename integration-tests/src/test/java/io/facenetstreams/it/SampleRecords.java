package io.facenetstreams.it;

import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.ImageFailure;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.IndexedImage;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;
import io.facenetstreams.schemas.TopicPartitionOffset;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** One fully populated record of every value type, keyed by the topic it travels on. */
final class SampleRecords {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SampleRecords() {
    }

    static Map<String, SpecificRecord> byTopic() {
        return Map.of(
                Topics.PEOPLE_BATCHES, peopleBatch(),
                Topics.EMBEDDING_REQUESTS, embeddingRequest(),
                Topics.EMBEDDINGS, embeddingChunk(),
                Topics.TRIPLETS, tripletBatch(),
                Topics.TRAINING_PROGRESS, trainingProgress(),
                Topics.CHECKPOINTS, checkpoint(),
                Topics.EVALUATIONS, evaluation(),
                Topics.DEAD_LETTERS, deadLetter());
    }

    static ImageRef image(String path) {
        return ImageRef.newBuilder().setPath(path).setSha256("ab".repeat(32)).build();
    }

    static BatchConfig config() {
        return BatchConfig.newBuilder().setPeoplePerBatch(45).setImagesPerPerson(40).setSeed(666).setImageSize(64)
                .setStrategy("semihard").setAlpha(0.2).setBatchNormTraining(true).setRandomCrop(true)
                .setRandomFlip(false).setFixedStandardization(false).build();
    }

    static PeopleBatch peopleBatch() {
        return PeopleBatch.newBuilder().setBatchId("b-000007").setSequence(7).setEpoch(1).setModelVersion(120)
                .setImageCount(3).setChunkCount(2)
                .setPeople(List.of(
                        Person.newBuilder().setClassName("alice").setLabel(0)
                                .setImages(List.of(image("alice/alice_0001.png"), image("alice/alice_0002.png"))).build(),
                        Person.newBuilder().setClassName("bob").setLabel(1)
                                .setImages(List.of(image("bob/bob_0001.png"))).build()))
                .setConfig(config()).setCreatedAt(NOW).build();
    }

    static EmbeddingRequest embeddingRequest() {
        return EmbeddingRequest.newBuilder().setBatchId("b-000007").setChunkIndex(1).setChunkCount(2).setModelVersion(120)
                .setImages(List.of(IndexedImage.newBuilder().setIndex(2).setLabel(1).setImage(image("bob/bob_0001.png")).build()))
                .setConfig(config()).build();
    }

    static EmbeddingChunk embeddingChunk() {
        ByteBuffer vectors = ByteBuffer.allocate(2 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            vectors.putFloat(i * 0.125f - 0.5f);
        }
        vectors.flip();
        return EmbeddingChunk.newBuilder().setBatchId("b-000007").setChunkIndex(0).setChunkCount(2).setModelVersion(120)
                .setDim(4).setIndices(List.of(0, 1)).setVectors(vectors)
                .setFailures(List.of(ImageFailure.newBuilder().setIndex(5).setPath("carol/carol_0001.png")
                        .setReason("corrupt PNG").build()))
                .setEmbedderId("embedder-1").setEmbedMillis(42).build();
    }

    static TripletBatch tripletBatch() {
        return TripletBatch.newBuilder().setBatchId("b-000007").setSequence(7).setEpoch(1).setModelVersion(120)
                .setStrategy("vggface").setAlpha(0.2).setPairsConsidered(1).setSelectionMicros(321)
                .setImages(List.of(image("alice/alice_0001.png"), image("alice/alice_0002.png"), image("bob/bob_0001.png")))
                .setTriplets(List.of(Triplet.newBuilder().setAnchor(0).setPositive(1).setNegative(2).build()))
                .setPart(0).setPartCount(1)
                .setImagesEmbedded(3).setImagesFailed(0).setConfig(config()).build();
    }

    static TrainingProgress trainingProgress() {
        return TrainingProgress.newBuilder().setModelName("facenet").setStep(121).setEpoch(1).setBatchId("b-000007")
                .setBatchSequence(7).setBatchComplete(true).setLoss(0.183).setLearningRate(0.1).setStaleness(1)
                .setStepMillis(87).setTriplets(30).setTimestamp(NOW).build();
    }

    static Checkpoint checkpoint() {
        return Checkpoint.newBuilder().setModelName("facenet").setVersion(120).setEpoch(1).setArchitecture("small-cnn")
                .setEmbeddingSize(128).setImageSize(64).setUri("http://127.0.0.1:8090/checkpoints/120")
                .setSha256("cd".repeat(32)).setSizeBytes(123456)
                .setConsumedOffsets(List.of(TopicPartitionOffset.newBuilder().setTopic("triplets").setPartition(0).setOffset(17).build()))
                .setCreatedAt(NOW).build();
    }

    static Evaluation evaluation() {
        return Evaluation.newBuilder().setModelName("facenet").setVersion(120).setAccuracyMean(0.91).setAccuracyStd(0.02)
                .setValMean(0.4).setValStd(0.05).setFarMean(0.001).setAuc(0.95).setEer(0.09).setBestThreshold(1.1)
                .setPairs(6000).setDurationMillis(5000).setDistanceMetric(0).setSubtractMean(false).setFlipped(false).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic("embeddings").setPartition(2).setOffset(99)
                .setKey(ByteBuffer.wrap("b-1".getBytes())).setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setReason("not Avro").setErrorClass("org.apache.kafka.common.errors.SerializationException")
                .setService("miner").setTimestamp(NOW).build();
    }
}
