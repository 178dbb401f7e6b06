package io.facenetstreams.miner;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The miner's topology, a static seam tested with {@code TopologyTestDriver}: people-batch manifests and
 * embedding chunks (co-partitioned by batch id) meet in {@link BatchAssembler}, which keeps them in state
 * stores until a batch is whole, selects its triplets, and sends them on; chunks that break an invariant
 * go to {@code dead-letters}.
 */
public final class MinerTopology {

    public static final String MANIFESTS_SOURCE = "people-batches-source";
    public static final String CHUNKS_SOURCE = "embeddings-source";
    public static final String ASSEMBLER = "batch-assembler";
    public static final String TRIPLETS_SINK = "triplets-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    public static final String MANIFEST_STORE = "batch-manifests";
    public static final String CHUNK_STORE = "batch-chunks";
    public static final String DONE_STORE = "batches-done";

    private MinerTopology() {
    }

    public static Topology build(MinerSettings settings, MinerSerdes serdes) {
        Topology topology = new Topology();
        topology.addSource(MANIFESTS_SOURCE, Serdes.String().deserializer(), serdes.serde(PeopleBatch.class).deserializer(),
                Topics.PEOPLE_BATCHES);
        topology.addSource(CHUNKS_SOURCE, Serdes.String().deserializer(), serdes.serde(EmbeddingChunk.class).deserializer(),
                Topics.EMBEDDINGS);
        topology.addProcessor(ASSEMBLER, () -> new BatchAssembler(settings), MANIFESTS_SOURCE, CHUNKS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MANIFEST_STORE),
                Serdes.String(), serdes.serde(PeopleBatch.class)), ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHUNK_STORE),
                Serdes.String(), serdes.serde(EmbeddingChunk.class)), ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DONE_STORE),
                Serdes.String(), Serdes.Long()), ASSEMBLER);
        topology.addSink(TRIPLETS_SINK, Topics.TRIPLETS, Serdes.String().serializer(),
                serdes.serde(TripletBatch.class).serializer(), ASSEMBLER);
        topology.addSink(DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, Serdes.String().serializer(),
                serdes.serde(DeadLetter.class).serializer(), ASSEMBLER);
        return topology;
    }
}
