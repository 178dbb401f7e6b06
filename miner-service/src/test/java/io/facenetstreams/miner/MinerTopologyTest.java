package io.facenetstreams.miner;

import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.mining.CompactBatch;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.ImageFailure;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.codec.EmbeddingVectors;
import io.facenetstreams.schemas.serde.PlainAvroSerde;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The miner's topology on {@code TopologyTestDriver}: assembly in any order, dedupe, version guard, selection. */
class MinerTopologyTest {

    private static final int CLASSES = 4;
    private static final int PER_CLASS = 5;
    private static final int DIM = 8;
    private static final int CHUNK = 9;

    private TopologyTestDriver driver;
    private TestInputTopic<String, PeopleBatch> manifests;
    private TestInputTopic<String, EmbeddingChunk> chunks;
    private TestOutputTopic<String, TripletBatch> triplets;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private static final MinerSerdes PLAIN = new MinerSerdes() {
        @Override
        public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            return new PlainAvroSerde<>(type);
        }
    };

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        start(MinerSettings.defaults());
    }

    private void start(MinerSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "miner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // A state directory of its own: the default /tmp/kafka-streams is shared by every checkout on the machine.
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MinerTopology.build(settings, PLAIN), props);
        manifests = driver.createInputTopic(Topics.PEOPLE_BATCHES, new StringSerializer(),
                PLAIN.serde(PeopleBatch.class).serializer());
        chunks = driver.createInputTopic(Topics.EMBEDDINGS, new StringSerializer(), PLAIN.serde(EmbeddingChunk.class).serializer());
        triplets = driver.createOutputTopic(Topics.TRIPLETS, new StringDeserializer(), PLAIN.serde(TripletBatch.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, new StringDeserializer(),
                PLAIN.serde(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aWholeBatchIsMinedOnceWithTheSelectorsTripletsAndItsStateIsCleaned() {
        PeopleBatch manifest = manifest("b-1", 7, 20);
        float[][] embeddings = embeddings(42);
        manifests.pipeInput("b-1", manifest);
        List<EmbeddingChunk> parts = split("b-1", 20, embeddings, List.of());
        chunks.pipeInput("b-1", parts.get(0));
        assertThat(triplets.isEmpty()).as("not before every chunk is in").isTrue();
        chunks.pipeInput("b-1", parts.get(1));
        chunks.pipeInput("b-1", parts.get(2));

        List<TripletBatch> out = triplets.readValuesToList();
        assertThat(out).hasSize(1);
        TripletBatch batch = out.get(0);
        assertThat(batch.getModelVersion()).isEqualTo(20);
        assertThat(batch.getSequence()).isEqualTo(7);
        assertThat(batch.getImagesEmbedded()).isEqualTo(CLASSES * PER_CLASS);
        assertThat(batch.getImagesFailed()).isZero();

        // The same selection the core selector makes on these embeddings, mapped back to the image references.
        TripletSelection expected = new TripletSelector().select(CompactBatch.of(labels(), embeddings).embeddings(), DIM,
                new int[] {PER_CLASS, PER_CLASS, PER_CLASS, PER_CLASS},
                new SelectionOptions(MiningStrategy.VGGFACE, 0.2, Seeds.derive(666, 2, 7), false));
        assertThat(batch.getPairsConsidered()).isEqualTo(expected.pairsConsidered());
        assertThat(batch.getTriplets()).hasSize(expected.tripletCount());
        List<String> got = new ArrayList<>();
        for (Triplet t : batch.getTriplets()) {
            got.add(path(batch, t.getAnchor()) + " " + path(batch, t.getPositive()) + " " + path(batch, t.getNegative()));
        }
        List<String> want = new ArrayList<>();
        for (int t = 0; t < expected.tripletCount(); t++) {
            want.add(image(expected.anchor(t)) + " " + image(expected.positive(t)) + " " + image(expected.negative(t)));
        }
        assertThat(got).containsExactlyElementsOf(want);
        for (Triplet t : batch.getTriplets()) {
            assertThat(identity(batch, t.getAnchor())).isEqualTo(identity(batch, t.getPositive()));
            assertThat(identity(batch, t.getAnchor())).isNotEqualTo(identity(batch, t.getNegative()));
        }
        assertThat(count(MinerTopology.MANIFEST_STORE)).isZero();
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void chunksBeforeTheirManifestAndRedeliveredChunksStillMakeOneBatch() {
        float[][] embeddings = embeddings(7);
        List<EmbeddingChunk> parts = split("b-2", 5, embeddings, List.of());
        chunks.pipeInput("b-2", parts.get(2));
        chunks.pipeInput("b-2", parts.get(0));
        chunks.pipeInput("b-2", parts.get(0));
        chunks.pipeInput("b-2", parts.get(1));
        assertThat(triplets.isEmpty()).isTrue();
        manifests.pipeInput("b-2", manifest("b-2", 2, 5));
        assertThat(triplets.readValuesToList()).hasSize(1);

        chunks.pipeInput("b-2", parts.get(1));
        manifests.pipeInput("b-2", manifest("b-2", 2, 5));
        assertThat(triplets.isEmpty()).as("a finished batch is not mined again").isTrue();
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
    }

    @Test
    void aChunkOfAnotherModelVersionClosesTheBatchAtOnceWithTheReason() {
        float[][] embeddings = embeddings(3);
        manifests.pipeInput("b-3", manifest("b-3", 3, 40));
        List<EmbeddingChunk> right = split("b-3", 40, embeddings, List.of());
        List<EmbeddingChunk> wrong = split("b-3", 60, embeddings, List.of());
        chunks.pipeInput("b-3", right.get(0));
        chunks.pipeInput("b-3", wrong.get(1));
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(Topics.EMBEDDINGS);
        assertThat(letters.get(0).getReason()).contains("chunk 1 of b-3").contains("version 60").contains("pinned to version 40");
        assertClosed("b-3", 40, "chunk 1 was embedded with model version 60");
        chunks.pipeInput("b-3", right.get(1));
        chunks.pipeInput("b-3", right.get(2));
        assertThat(triplets.isEmpty()).as("a closed batch is not mined later").isTrue();
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
    }

    @Test
    void earlyChunksOfAnotherVersionCloseTheBatchWhenTheManifestArrives() {
        float[][] embeddings = embeddings(5);
        chunks.pipeInput("b-4", split("b-4", 99, embeddings, List.of()).get(0));
        manifests.pipeInput("b-4", manifest("b-4", 4, 98));
        assertThat(deadLetters.readValuesToList()).singleElement()
                .satisfies(l -> assertThat(l.getReason()).contains("version 99").contains("pinned to version 98"));
        assertClosed("b-4", 98, "pinned to version 98");
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
        assertThat(count(MinerTopology.MANIFEST_STORE)).isZero();
    }

    @Test
    void aChunkWithNonFiniteVectorsClosesTheBatchAndTheDeadLetterNamesTheChunk() {
        float[][] embeddings = embeddings(8);
        embeddings[10][3] = Float.NaN;  // row 10 travels in chunk 1 (rows 9..17)
        manifests.pipeInput("b-7", manifest("b-7", 7, 5));
        split("b-7", 5, embeddings, List.of()).forEach(c -> chunks.pipeInput("b-7", c));
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(l -> assertThat(l.getReason())
                .contains("chunk 1 of b-7").contains("non-finite vector").contains("row 10 is NaN"));
        assertClosed("b-7", 5, "chunk 1 (embedder test) holds a non-finite vector");
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
    }

    @Test
    void aBatchWhoseEveryImageFailedIsClosedWithTheReason() {
        manifests.pipeInput("b-8", manifest("b-8", 8, 0));
        List<Integer> all = java.util.stream.IntStream.range(0, CLASSES * PER_CLASS).boxed().toList();
        split("b-8", 0, embeddings(9), all).forEach(c -> chunks.pipeInput("b-8", c));
        assertClosed("b-8", 0, "every one of its 20 images failed");
        assertThat(deadLetters.readValuesToList()).hasSize(3)
                .allSatisfy(l -> assertThat(l.getReason()).contains("of b-8").contains("cannot be mined"));
    }

    @Test
    void aManifestWithANegativeImageCountIsDeadLetteredAndTheNextBatchIsMined() {
        manifests.pipeInput("b-9", PeopleBatch.newBuilder(manifest("b-9", 9, 0)).setImageCount(-1).build());
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(l -> {
            assertThat(l.getSourceTopic()).isEqualTo(Topics.PEOPLE_BATCHES);
            assertThat(l.getOffset()).isZero();
            assertThat(l.getReason()).contains("manifest of b-9").contains("imageCount -1");
        });
        split("b-9", 0, embeddings(1), List.of()).forEach(c -> chunks.pipeInput("b-9", c));
        assertThat(triplets.isEmpty()).as("nothing else happens").isTrue();
        assertThat(count(MinerTopology.MANIFEST_STORE)).isZero();

        manifests.pipeInput("b-10", manifest("b-10", 10, 0));
        split("b-10", 0, embeddings(2), List.of()).forEach(c -> chunks.pipeInput("b-10", c));
        assertThat(triplets.readValuesToList()).singleElement()
                .satisfies(b -> assertThat(b.getTriplets()).isNotEmpty());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aChunkWhoseVectorsAreShorterThanItsRowsIsDeadLetteredAndNotStored() {
        manifests.pipeInput("b-11", manifest("b-11", 11, 0));
        EmbeddingChunk whole = split("b-11", 0, embeddings(4), List.of()).get(1);
        java.nio.ByteBuffer shorter = whole.getVectors().duplicate();
        shorter.limit(shorter.limit() - 4);
        chunks.pipeInput("b-11", EmbeddingChunk.newBuilder(whole).setVectors(shorter).build());
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(l -> {
            assertThat(l.getSourceTopic()).isEqualTo(Topics.EMBEDDINGS);
            assertThat(l.getReason()).contains("chunk 1 of b-11").contains("bytes of vectors");
        });
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
        assertThat(triplets.isEmpty()).isTrue();
    }

    @Test
    void anEarlyChunkHoldingARowOutsideTheBatchClosesItWhenTheManifestArrives() {
        List<EmbeddingChunk> parts = split("b-12", 0, embeddings(6), List.of());
        chunks.pipeInput("b-12", EmbeddingChunk.newBuilder(parts.get(0)).setIndices(
                java.util.stream.IntStream.range(100, 109).boxed().toList()).build());
        manifests.pipeInput("b-12", manifest("b-12", 12, 0));
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(l -> assertThat(l.getReason())
                .contains("chunk 0 of b-12").contains("row 100 of a batch of 20"));
        assertClosed("b-12", 0, "chunk 0 holds row 100");
        assertThat(count(MinerTopology.CHUNK_STORE)).isZero();
    }

    @Test
    void chunksHoldingTheSameRowCloseTheBatchAndNameTheLaterChunk() {
        manifests.pipeInput("b-13", manifest("b-13", 13, 0));
        List<EmbeddingChunk> parts = split("b-13", 0, embeddings(10), List.of());
        List<Integer> overlapping = new ArrayList<>(parts.get(1).getIndices());
        overlapping.set(0, 0);  // row 0 is chunk 0's
        chunks.pipeInput("b-13", parts.get(0));
        chunks.pipeInput("b-13", EmbeddingChunk.newBuilder(parts.get(1)).setIndices(overlapping).build());
        chunks.pipeInput("b-13", parts.get(2));
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(l -> assertThat(l.getReason())
                .contains("chunk 1 of b-13").contains("holds row 0, which part 0 holds too"));
        assertClosed("b-13", 0, "chunk 1 holds row 0");
    }

    private void assertClosed(String id, long version, String reason) {
        assertThat(triplets.readValuesToList()).singleElement().satisfies(b -> {
            assertThat(b.getBatchId()).isEqualTo(id);
            assertThat(b.getModelVersion()).isEqualTo(version);
            assertThat(b.getTriplets()).isEmpty();
            assertThat(b.getPartCount()).isEqualTo(1);
            assertThat(b.getClosedReason()).contains(reason);
        });
    }

    @Test
    void failedImagesAreLeftOutOfSelection() {
        float[][] embeddings = embeddings(11);
        manifests.pipeInput("b-5", manifest("b-5", 5, 0));
        Set<Integer> failed = Set.of(0, 6, 19);
        split("b-5", 0, embeddings, List.copyOf(failed)).forEach(c -> chunks.pipeInput("b-5", c));
        TripletBatch batch = triplets.readValuesToList().get(0);
        assertThat(batch.getImagesFailed()).isEqualTo(3);
        assertThat(batch.getImagesEmbedded()).isEqualTo(CLASSES * PER_CLASS - 3);
        Set<String> used = new HashSet<>();
        batch.getImages().forEach(i -> used.add(i.getPath()));
        for (int row : failed) {
            assertThat(used).doesNotContain(image(row));
        }
    }

    @Test
    void largeSelectionsAreSplitIntoParts() {
        driver.close();
        start(new MinerSettings(10, Duration.ofHours(1), 1));
        manifests.pipeInput("b-6", PeopleBatch.newBuilder(manifest("b-6", 6, 0))
                .setConfig(BatchConfig.newBuilder(config()).setStrategy("all").setAlpha(8.0).build()).build());
        split("b-6", 0, embeddings(13), List.of()).forEach(c -> chunks.pipeInput("b-6", c));
        List<TripletBatch> parts = triplets.readValuesToList();
        // "all" with a huge margin: every negative of every pair, 40 pairs x 15 negatives.
        int total = parts.stream().mapToInt(p -> p.getTriplets().size()).sum();
        assertThat(total).isEqualTo(CLASSES * (PER_CLASS * (PER_CLASS - 1) / 2) * (CLASSES - 1) * PER_CLASS);
        assertThat(parts).hasSize((total + 9) / 10);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.getTriplets().size()).isLessThanOrEqualTo(10);
            assertThat(p.getPartCount()).isEqualTo(parts.size());
        });
        assertThat(parts).extracting(TripletBatch::getPart).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, parts.size()).boxed().toList());
    }

    private long count(String store) {
        KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
        long n = 0;
        try (var it = kv.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static String path(TripletBatch batch, int index) {
        return batch.getImages().get(index).getPath();
    }

    private static String identity(TripletBatch batch, int index) {
        return path(batch, index).split("/")[0];
    }

    private static String image(int row) {
        return "id" + (row / PER_CLASS) + "/img" + (row % PER_CLASS) + ".png";
    }

    private static int[] labels() {
        int[] labels = new int[CLASSES * PER_CLASS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 10 + i / PER_CLASS;
        }
        return labels;
    }

    private static BatchConfig config() {
        return BatchConfig.newBuilder().setPeoplePerBatch(CLASSES).setImagesPerPerson(PER_CLASS).setSeed(666).setImageSize(64)
                .setBatchSize(9).setStrategy("vggface").setAlpha(0.2).build();
    }

    private static PeopleBatch manifest(String id, long sequence, long version) {
        List<Person> people = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            List<ImageRef> images = new ArrayList<>();
            for (int i = 0; i < PER_CLASS; i++) {
                images.add(ImageRef.newBuilder().setPath(image(c * PER_CLASS + i)).setSha256(null).build());
            }
            people.add(Person.newBuilder().setClassName("id" + c).setLabel(10 + c).setImages(images).build());
        }
        return PeopleBatch.newBuilder().setBatchId(id).setSequence(sequence).setEpoch(0).setModelVersion(version)
                .setImageCount(CLASSES * PER_CLASS).setChunkCount((CLASSES * PER_CLASS + CHUNK - 1) / CHUNK)
                .setPeople(people).setConfig(config()).setCreatedAt(Instant.EPOCH).build();
    }

    private static float[][] embeddings(long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[CLASSES * PER_CLASS][DIM];
        for (float[] row : rows) {
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) random.nextGaussian();
                norm += row[d] * row[d];
            }
            for (int d = 0; d < DIM; d++) {
                row[d] /= (float) Math.sqrt(norm);
            }
        }
        return rows;
    }

    private static List<EmbeddingChunk> split(String id, long version, float[][] rows, List<Integer> failedRows) {
        List<EmbeddingChunk> out = new ArrayList<>();
        int count = (rows.length + CHUNK - 1) / CHUNK;
        for (int c = 0; c < count; c++) {
            List<Integer> indices = new ArrayList<>();
            List<ImageFailure> failures = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int r = c * CHUNK; r < Math.min(rows.length, (c + 1) * CHUNK); r++) {
                if (failedRows.contains(r)) {
                    failures.add(ImageFailure.newBuilder().setIndex(r).setPath(image(r)).setReason("corrupt PNG").build());
                } else {
                    indices.add(r);
                    vectors.add(rows[r]);
                }
            }
            float[] flat = new float[vectors.size() * DIM];
            for (int i = 0; i < vectors.size(); i++) {
                System.arraycopy(vectors.get(i), 0, flat, i * DIM, DIM);
            }
            out.add(EmbeddingChunk.newBuilder().setBatchId(id).setChunkIndex(c).setChunkCount(count).setModelVersion(version)
                    .setDim(DIM).setIndices(indices).setVectors(EmbeddingVectors.encode(flat, vectors.size(), DIM))
                    .setFailures(failures).setEmbedderId("test").setEmbedMillis(1).build());
        }
        return out;
    }
}
