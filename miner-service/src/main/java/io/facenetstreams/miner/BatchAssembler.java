package io.facenetstreams.miner;

import io.facenetstreams.core.mining.MiningBatch;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
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
 * embeddings are laid out in row order (images that failed are left out), the {@link TripletSelector} runs
 * with the batch's strategy, margin and a seed derived from the sampler's seed and the batch's sequence, the
 * {@link TripletBatch} records go to {@code triplets}, and the batch's state is deleted. A chunk embedded
 * with another model version than its batch is pinned to is refused (dead-lettered): a batch never mixes
 * versions. Re-delivered chunks overwrite themselves; chunks of a finished batch are dropped.
 */
final class BatchAssembler implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    private final MinerSettings settings;
    private TripletSelector selector;
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
        this.selector = new TripletSelector(settings.selectorThreads());
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
        List<String> mismatched = new ArrayList<>();
        try (KeyValueIterator<String, EmbeddingChunk> it = chunks.prefixScan(id + "/", org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                if (entry.value.getModelVersion() != manifest.getModelVersion()) {
                    mismatched.add(entry.key);
                    refuse(entry.value, versionMismatch(entry.value, manifest));
                }
            }
        }
        mismatched.forEach(chunks::delete);
        tryComplete(id);
    }

    private static String versionMismatch(EmbeddingChunk chunk, PeopleBatch manifest) {
        return "embedded with model version " + chunk.getModelVersion() + " but batch " + manifest.getBatchId()
                + " is pinned to version " + manifest.getModelVersion();
    }

    private void onChunk(EmbeddingChunk chunk) {
        String id = chunk.getBatchId();
        if (done.get(id) != null) {
            LOG.debug("miner: dropping chunk {} of finished batch {}", chunk.getChunkIndex(), id);
            return;
        }
        PeopleBatch manifest = manifests.get(id);
        if (manifest != null && chunk.getModelVersion() != manifest.getModelVersion()) {
            refuse(chunk, versionMismatch(chunk, manifest));
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
        } catch (IllegalArgumentException e) {
            // Inconsistent chunks (indices out of range, ragged dimensions): the batch cannot be mined.
            LOG.warn("miner: batch {} cannot be mined: {}", id, e.getMessage());
            for (EmbeddingChunk chunk : parts) {
                refuse(chunk, "batch " + id + " cannot be mined: " + e.getMessage());
            }
            out = List.of();
        }
        for (TripletBatch batch : out) {
            context.forward(new Record<>(id, (SpecificRecord) batch, context.currentSystemTimeMs()), MinerTopology.TRIPLETS_SINK);
        }
        for (int c = 0; c < count; c++) {
            chunks.delete(chunkKey(id, c));
        }
        manifests.delete(id);
        done.put(id, context.currentSystemTimeMs());
    }

    private List<TripletBatch> mine(PeopleBatch manifest, List<EmbeddingChunk> parts) {
        int rows = manifest.getImageCount();
        float[][] perRow = new float[rows][];
        int failed = 0;
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
            }
            failed += chunk.getFailures().size();
            for (ImageFailure f : chunk.getFailures()) {
                LOG.info("miner: {} row {} ({}) left out: {}", manifest.getBatchId(), f.getIndex(), f.getPath(), f.getReason());
            }
        }
        MiningBatch batch = MiningBatch.of(TripletBatches.labels(manifest), perRow);
        MiningStrategy strategy = MiningStrategy.fromName(manifest.getConfig().getStrategy());
        SelectionOptions options = SelectionOptions.forPeopleBatch(strategy, manifest.getConfig().getAlpha(),
                manifest.getConfig().getSeed(), manifest.getSequence());
        TripletSelection selection = selector.select(batch.embeddings(), batch.dim(), batch.imagesPerClass(), options);
        LOG.info("miner: {} (version {}): {} images ({} failed), {} pairs considered, {} triplets in {} ms{}",
                manifest.getBatchId(), manifest.getModelVersion(), batch.rows(), failed, selection.pairsConsidered(),
                selection.tripletCount(), selection.selectionNanos() / 1_000_000,
                selection.note().isEmpty() ? "" : " (" + selection.note() + ")");
        return TripletBatches.of(manifest, batch, selection, settings.maxTripletsPerRecord());
    }

    private void refuse(EmbeddingChunk chunk, String why) {
        String reason = "chunk " + chunk.getChunkIndex() + " of " + chunk.getBatchId() + " " + why;
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
