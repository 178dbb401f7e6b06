package io.facenetstreams.miner;

import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.TripletSelector;
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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles people-batches and mines them. Manifests and chunks may arrive in any order; both wait in
 * state stores until the manifest and all {@code chunkCount} chunks of a batch are in. Then the batch's
 * vectors are decoded into row order (images that failed are left out) and mined by the {@link MineStage}
 * (the batch's strategy, margin, and a seed derived from the sampler's seed and the batch's sequence), the
 * {@link TripletBatch} records go to {@code triplets}, and the batch's state is deleted. A chunk embedded
 * with another model version than its batch is pinned to is refused (dead-lettered): a batch never mixes
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
        SpecificRecord value = record.value();
        if (value instanceof PeopleBatch manifest) {
            onManifest(manifest);
        } else if (value instanceof EmbeddingChunk chunk) {
            onChunk(chunk);
        } else if (value != null) {
            LOG.warn("miner: ignoring a {} under key {}", value.getClass().getSimpleName(), record.key());
        }
    }

    private void onManifest(PeopleBatch manifest) {
        String id = manifest.getBatchId();
        if (done.get(id) != null) {
            return;
        }
        manifests.put(id, manifest);
        // Chunks that came first are checked against the pinned version now.
        List<EmbeddingChunk> mismatched = new ArrayList<>();
        try (KeyValueIterator<String, EmbeddingChunk> it = chunks.prefixScan(id + "/", org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                if (entry.value.getModelVersion() != manifest.getModelVersion()) {
                    mismatched.add(entry.value);
                }
            }
        }
        if (!mismatched.isEmpty()) {
            close(manifest, versionMismatch(mismatched.get(0), manifest), mismatched);
            return;
        }
        tryComplete(id);
    }

    private static String versionMismatch(EmbeddingChunk chunk, PeopleBatch manifest) {
        return "chunk " + chunk.getChunkIndex() + " was embedded with model version " + chunk.getModelVersion()
                + ", but the batch is pinned to version " + manifest.getModelVersion();
    }

    private void onChunk(EmbeddingChunk chunk) {
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
        if (manifest != null && chunk.getChunkCount() != manifest.getChunkCount()) {
            refuse(chunk, "says the batch has " + chunk.getChunkCount() + " chunks, the manifest says " + manifest.getChunkCount());
            return;
        }
        if (chunk.getChunkIndex() < 0 || chunk.getChunkIndex() >= chunk.getChunkCount()) {
            refuse(chunk, "has chunk index " + chunk.getChunkIndex() + " outside 0.." + (chunk.getChunkCount() - 1));
            return;
        }
        chunks.put(chunkKey(id, chunk.getChunkIndex()), chunk);
        tryComplete(id);
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
        List<TripletBatch> out;
        try {
            out = mine(manifest, parts);
        } catch (NotMineable e) {
            close(manifest, e.getMessage(), e.culprits.isEmpty() ? parts : e.culprits);
            return;
        } catch (IllegalArgumentException e) {
            // Inconsistent chunks (indices out of range, ragged dimensions): the batch cannot be mined.
            close(manifest, e.getMessage(), parts);
            return;
        }
        for (TripletBatch batch : out) {
            context.forward(new Record<>(id, (SpecificRecord) batch, context.currentSystemTimeMs()), MinerTopology.TRIPLETS_SINK);
        }
        finish(manifest);
    }

    /**
     * Ends a batch that cannot be mined: the chunks at fault go to dead letters (each naming its chunk and the
     * reason), and an empty triplet batch carrying the reason closes it, so that the trainer reports it done and
     * the sampler's slot frees at once instead of waiting for a batch that will never come.
     */
    private void close(PeopleBatch manifest, String reason, List<EmbeddingChunk> culprits) {
        String id = manifest.getBatchId();
        String why = "batch " + id + " cannot be mined: " + reason;
        LOG.warn("miner: {}; closing it without triplets", why);
        for (EmbeddingChunk chunk : culprits) {
            refuse(chunk, why);
        }
        context.forward(new Record<>(id, (SpecificRecord) TripletBatches.closed(manifest, reason),
                context.currentSystemTimeMs()), MinerTopology.TRIPLETS_SINK);
        finish(manifest);
    }

    /** Forgets a finished batch's chunks and manifest, and remembers it is done so that late chunks are dropped. */
    private void finish(PeopleBatch manifest) {
        String id = manifest.getBatchId();
        for (int c = 0; c < manifest.getChunkCount(); c++) {
            chunks.delete(chunkKey(id, c));
        }
        manifests.delete(id);
        done.put(id, context.currentSystemTimeMs());
    }

    /** A batch the selector must not see; {@code culprits} are the chunks at fault (empty: the batch as a whole). */
    private static final class NotMineable extends Exception {
        private final transient List<EmbeddingChunk> culprits;

        NotMineable(String message, List<EmbeddingChunk> culprits) {
            super(message, null, false, false);
            this.culprits = culprits;
        }
    }

    /** Decodes the chunks into the batch's rows and runs the {@link MineStage} on them. */
    private List<TripletBatch> mine(PeopleBatch manifest, List<EmbeddingChunk> parts) throws NotMineable {
        int rows = manifest.getImageCount();
        float[][] perRow = new float[rows][];
        EmbeddingChunk[] chunkOfRow = new EmbeddingChunk[rows];
        for (EmbeddingChunk chunk : parts) {
            int n = chunk.getIndices().size();
            float[] flat = EmbeddingVectors.decode(chunk.getVectors(), n, chunk.getDim());
            for (int i = 0; i < n; i++) {
                int row = chunk.getIndices().get(i);
                if (row < 0 || row >= rows) {
                    throw new IllegalArgumentException("chunk " + chunk.getChunkIndex() + " holds row " + row
                            + " of a batch of " + rows + " images");
                }
                perRow[row] = java.util.Arrays.copyOfRange(flat, i * chunk.getDim(), (i + 1) * chunk.getDim());
                chunkOfRow[row] = chunk;
            }
            for (ImageFailure f : chunk.getFailures()) {
                LOG.info("miner: {} row {} ({}) left out: {}", manifest.getBatchId(), f.getIndex(), f.getPath(), f.getReason());
            }
        }
        BatchConfig config = manifest.getConfig();
        MineStage.Outcome outcome = stage.mine(TripletBatches.labels(manifest), perRow, new MineStage.Request(
                MiningStrategy.fromName(config.getStrategy()), config.getAlpha(), config.getSeed(), manifest.getSequence()));
        if (outcome instanceof MineStage.NotMineable refused) {
            if (refused.wholeBatch()) {
                throw new NotMineable(refused.reason(), List.of());
            }
            // The stage names the row; the dead letter names the chunk and the embedder that sent it.
            EmbeddingChunk culprit = chunkOfRow[refused.row()];
            throw new NotMineable("chunk " + culprit.getChunkIndex() + " (embedder " + culprit.getEmbedderId() + ") "
                    + refused.reason(), List.of(culprit));
        }
        MineStage.Mined mined = (MineStage.Mined) outcome;
        LOG.info("miner: {} (version {}): {} images ({} failed), {} pairs considered, {} triplets in {} ms{}",
                manifest.getBatchId(), manifest.getModelVersion(), mined.imagesEmbedded(), mined.imagesMissing(),
                mined.pairsConsidered(), mined.tripletCount(), mined.selectionNanos() / 1_000_000,
                mined.note().isEmpty() ? "" : " (" + mined.note() + ")");
        return TripletBatches.of(manifest, mined, settings.maxTripletsPerRecord());
    }

    private void refuse(EmbeddingChunk chunk, String why) {
        String reason = "chunk " + chunk.getChunkIndex() + " of " + chunk.getBatchId() + ": " + why;
        LOG.warn("miner: {}", reason);
        var letter = DeadLetters.of(Topics.EMBEDDINGS, context.recordMetadata().map(m -> m.partition()).orElse(-1),
                context.recordMetadata().map(m -> m.offset()).orElse(-1L),
                chunk.getBatchId().getBytes(StandardCharsets.UTF_8), null, reason, null, "miner");
        context.forward(new Record<>(Topics.EMBEDDINGS, (SpecificRecord) letter, context.currentSystemTimeMs()),
                MinerTopology.DEAD_LETTERS_SINK);
    }

    private void forgetOldBatches(long now) {
        long limit = now - settings.doneRetention().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = done.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                if (entry.value < limit) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(done::delete);
    }

    static String chunkKey(String batchId, int chunkIndex) {
        return String.format("%s/%05d", batchId, chunkIndex);
    }
}
