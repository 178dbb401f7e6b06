package io.facenetstreams.miner;

import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.TripletSelector;
import io.facenetstreams.core.stage.BatchRows;
import io.facenetstreams.core.stage.MineStage;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.ImageFailure;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.codec.EmbeddingVectors;
import io.facenetstreams.schemas.deadletter.DeadLetters;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles people-batches and mines them. Manifests and chunks may arrive in any order; both wait in
 * state stores until the manifest and all {@code chunkCount} chunks of a batch are in. Then the batch's
 * vectors are gathered into row order (images that failed are left out) and mined by the {@link MineStage}
 * (the batch's strategy, margin, and a seed derived from the sampler's seed and the batch's sequence), the
 * {@link TripletBatch} records go to {@code triplets}, and the batch's state is deleted. A manifest or chunk
 * that breaks an invariant ({@link MinerRecordChecks}) is dead-lettered and skipped before it is stored. A
 * chunk embedded with another model version than its batch is pinned to closes the batch: a batch never mixes
 * versions. Re-delivered chunks overwrite themselves; chunks of a finished batch are dropped.
 */
final class BatchAssembler implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    private final MinerSettings settings;
    private MineStage stage;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, PeopleBatch> manifests;
    private KeyValueStore<String, EmbeddingChunk> chunks;
    private KeyValueStore<String, Long> done;
    /** The record in hand: its dead letter names its partition and offset, a stored chunk's cannot. */
    private SpecificRecord current;

    BatchAssembler(MinerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.manifests = context.getStateStore(MinerTopology.MANIFEST_STORE);
        this.chunks = context.getStateStore(MinerTopology.CHUNK_STORE);
        this.done = context.getStateStore(MinerTopology.DONE_STORE);
        this.stage = new MineStage(new TripletSelector(settings.selectorThreads()));
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOldBatches);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        current = record.value();
        if (current instanceof PeopleBatch manifest) {
            onManifest(manifest);
        } else if (current instanceof EmbeddingChunk chunk) {
            onChunk(chunk);
        } else if (current != null) {
            LOG.warn("miner: ignoring a {} under key {}", current.getClass().getSimpleName(), record.key());
        }
    }

    private void onManifest(PeopleBatch manifest) {
        Optional<String> bad = MinerRecordChecks.manifest(manifest);
        if (bad.isPresent()) {
            deadLetter(Topics.PEOPLE_BATCHES, manifest.getBatchId(), bad.get(), true);
            return;
        }
        String id = manifest.getBatchId();
        if (done.get(id) != null) {
            return;
        }
        manifests.put(id, manifest);
        // Chunks that came first are checked against the manifest now: the pinned version, the batch's size.
        List<EmbeddingChunk> misfits = new ArrayList<>();
        String reason = null;
        for (EmbeddingChunk chunk : storedChunks(id)) {
            Optional<String> misfit = misfit(chunk, manifest);
            if (misfit.isPresent()) {
                misfits.add(chunk);
                reason = reason != null ? reason : misfit.get();
            }
        }
        if (!misfits.isEmpty()) {
            close(manifest, reason, misfits);
            return;
        }
        tryComplete(id);
    }

    private void onChunk(EmbeddingChunk chunk) {
        Optional<String> bad = MinerRecordChecks.chunk(chunk);
        if (bad.isPresent()) {
            refuse(chunk, bad.get());
            return;
        }
        String id = chunk.getBatchId();
        if (done.get(id) != null) {
            LOG.debug("miner: dropping chunk {} of finished batch {}", chunk.getChunkIndex(), id);
            return;
        }
        PeopleBatch manifest = manifests.get(id);
        if (manifest != null && chunk.getModelVersion() != manifest.getModelVersion()) {
            // The embedders embed a batch with its pinned version only: a chunk of another version will not be
            // replaced, so waiting would hold the batch (and the sampler's slot) for ever.
            close(manifest, versionMismatch(chunk, manifest), List.of(chunk));
            return;
        }
        Optional<String> misfit = manifest == null ? Optional.empty() : MinerRecordChecks.chunkOf(chunk, manifest);
        if (misfit.isPresent()) {
            refuse(chunk, misfit.get());
            return;
        }
        chunks.put(chunkKey(id, chunk.getChunkIndex()), chunk);
        tryComplete(id);
    }

    private static Optional<String> misfit(EmbeddingChunk chunk, PeopleBatch manifest) {
        if (chunk.getModelVersion() != manifest.getModelVersion()) {
            return Optional.of(versionMismatch(chunk, manifest));
        }
        return MinerRecordChecks.chunkOf(chunk, manifest).map(why -> "chunk " + chunk.getChunkIndex() + " " + why);
    }

    private static String versionMismatch(EmbeddingChunk chunk, PeopleBatch manifest) {
        return "chunk " + chunk.getChunkIndex() + " was embedded with model version " + chunk.getModelVersion()
                + ", but the batch is pinned to version " + manifest.getModelVersion();
    }

    private void tryComplete(String id) {
        PeopleBatch manifest = manifests.get(id);
        if (manifest == null) {
            return;
        }
        int count = manifest.getChunkCount();
        List<EmbeddingChunk> parts = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            EmbeddingChunk chunk = chunks.get(chunkKey(id, c));
            if (chunk == null) {
                return;
            }
            parts.add(chunk);
        }
        mine(manifest, parts);
    }

    /** Gathers the chunks into the batch's rows, runs the {@link MineStage} on them, and sends the outcome on. */
    private void mine(PeopleBatch manifest, List<EmbeddingChunk> parts) {
        BatchRows rows = new BatchRows(manifest.getImageCount());
        for (EmbeddingChunk chunk : parts) {
            int[] indices = chunk.getIndices().stream().mapToInt(Integer::intValue).toArray();
            String misfit = rows.add(chunk.getChunkIndex(), indices,
                    EmbeddingVectors.decode(chunk.getVectors(), indices.length, chunk.getDim()), chunk.getDim());
            if (misfit != null) {
                close(manifest, "chunk " + chunk.getChunkIndex() + " " + misfit, List.of(chunk));
                return;
            }
            for (ImageFailure f : chunk.getFailures()) {
                LOG.info("miner: {} row {} ({}) left out: {}", manifest.getBatchId(), f.getIndex(), f.getPath(), f.getReason());
            }
        }
        BatchConfig config = manifest.getConfig();
        MineStage.Outcome outcome = stage.mine(TripletBatches.labels(manifest), rows.vectors(), new MineStage.Request(
                MiningStrategy.fromName(config.getStrategy()), config.getAlpha(), config.getSeed(), manifest.getSequence()));
        if (outcome instanceof MineStage.NotMineable refused) {
            if (refused.wholeBatch()) {
                close(manifest, refused.reason(), parts);
                return;
            }
            // The stage names the row; the dead letter names the chunk and the embedder that sent it.
            EmbeddingChunk culprit = parts.get(rows.partOf(refused.row()));
            close(manifest, "chunk " + culprit.getChunkIndex() + " (embedder " + culprit.getEmbedderId() + ") "
                    + refused.reason(), List.of(culprit));
            return;
        }
        MineStage.Mined mined = (MineStage.Mined) outcome;
        LOG.info("miner: {} (version {}): {} images ({} failed), {} pairs considered, {} triplets in {} ms{}",
                manifest.getBatchId(), manifest.getModelVersion(), mined.imagesEmbedded(), mined.imagesMissing(),
                mined.pairsConsidered(), mined.tripletCount(), mined.selectionNanos() / 1_000_000,
                mined.note().isEmpty() ? "" : " (" + mined.note() + ")");
        for (TripletBatch batch : TripletBatches.of(manifest, mined, settings.maxTripletsPerRecord())) {
            forward(manifest.getBatchId(), batch);
        }
        finish(manifest);
    }

    /**
     * Ends a batch that cannot be mined: the chunks at fault go to dead letters (each naming its chunk and the
     * reason), and an empty triplet batch carrying the reason closes it, so that the trainer reports it done and
     * the sampler's slot frees at once instead of waiting for a batch that will never come.
     */
    private void close(PeopleBatch manifest, String reason, List<EmbeddingChunk> culprits) {
        String why = "batch " + manifest.getBatchId() + " cannot be mined: " + reason;
        LOG.warn("miner: {}; closing it without triplets", why);
        for (EmbeddingChunk chunk : culprits) {
            refuse(chunk, why);
        }
        forward(manifest.getBatchId(), TripletBatches.closed(manifest, reason));
        finish(manifest);
    }

    /** Forgets a finished batch's chunks and manifest, and remembers it is done so that late chunks are dropped. */
    private void finish(PeopleBatch manifest) {
        String id = manifest.getBatchId();
        for (EmbeddingChunk chunk : storedChunks(id)) {
            chunks.delete(chunkKey(id, chunk.getChunkIndex()));
        }
        manifests.delete(id);
        done.put(id, context.currentSystemTimeMs());
    }

    private List<EmbeddingChunk> storedChunks(String id) {
        List<EmbeddingChunk> stored = new ArrayList<>();
        try (KeyValueIterator<String, EmbeddingChunk> it = chunks.prefixScan(id + "/", Serdes.String().serializer())) {
            it.forEachRemaining(entry -> stored.add(entry.value));
        }
        return stored;
    }

    private void forward(String id, TripletBatch batch) {
        context.forward(new Record<>(id, (SpecificRecord) batch, context.currentSystemTimeMs()), MinerTopology.TRIPLETS_SINK);
    }

    private void refuse(EmbeddingChunk chunk, String why) {
        deadLetter(Topics.EMBEDDINGS, chunk.getBatchId(), "chunk " + chunk.getChunkIndex() + " of " + chunk.getBatchId()
                + ": " + why, chunk == current);
    }

    /** A dead letter for a record of {@code topic}; its partition and offset when it is the record in hand. */
    private void deadLetter(String topic, String batchId, String reason, boolean inHand) {
        LOG.warn("miner: dead-lettering a record of {}: {}", topic, reason);
        Optional<RecordMetadata> meta = inHand ? context.recordMetadata() : Optional.empty();
        var letter = DeadLetters.of(topic, meta.map(RecordMetadata::partition).orElse(-1),
                meta.map(RecordMetadata::offset).orElse(-1L), batchId.getBytes(StandardCharsets.UTF_8), null, reason,
                null, "miner");
        context.forward(new Record<>(topic, (SpecificRecord) letter, context.currentSystemTimeMs()),
                MinerTopology.DEAD_LETTERS_SINK);
    }

    private void forgetOldBatches(long now) {
        long limit = now - settings.doneRetention().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = done.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value < limit) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(done::delete);
    }

    static String chunkKey(String batchId, int chunkIndex) {
        return String.format("%s/%05d", batchId, chunkIndex);
    }
}
