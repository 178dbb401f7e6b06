package io.facenetstreams.miner;

import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants a manifest or a chunk must keep before the miner stores it or sizes an array by it. A record
 * that breaks one is a bad record (dead-lettered with the returned reason, never retried): a forged
 * {@code imageCount} of -1 must not become a {@code NegativeArraySizeException} that stops the Streams client
 * and replays after every restart.
 */
final class MinerRecordChecks {

    /** Far above any real batch (people x images per person), far below what would exhaust the heap. */
    static final int MAX_IMAGES = 1 << 20;
    static final int MAX_DIM = 1 << 16;

    private MinerRecordChecks() {
    }

    static Optional<String> manifest(PeopleBatch m) {
        if (m.getBatchId().isEmpty()) {
            return Optional.of("manifest has an empty batch id");
        }
        if (m.getImageCount() < 1 || m.getImageCount() > MAX_IMAGES) {
            return why(m, "has imageCount " + m.getImageCount() + ", outside 1.." + MAX_IMAGES);
        }
        if (m.getChunkCount() < 1 || m.getChunkCount() > m.getImageCount()) {
            return why(m, "has chunkCount " + m.getChunkCount() + ", outside 1.." + m.getImageCount());
        }
        long images = 0;
        for (Person p : m.getPeople()) {
            images += p.getImages().size();
        }
        if (images != m.getImageCount()) {
            return why(m, "lists " + images + " images, but its imageCount is " + m.getImageCount());
        }
        return Optional.empty();
    }

    /** The chunk on its own: counts, dimension, the size of its vectors, its row indices. */
    static Optional<String> chunk(EmbeddingChunk c) {
        if (c.getChunkCount() < 1 || c.getChunkCount() > MAX_IMAGES) {
            return Optional.of("has chunkCount " + c.getChunkCount() + ", outside 1.." + MAX_IMAGES);
        }
        if (c.getChunkIndex() < 0 || c.getChunkIndex() >= c.getChunkCount()) {
            return Optional.of("has chunk index " + c.getChunkIndex() + " outside 0.." + (c.getChunkCount() - 1));
        }
        int rows = c.getIndices().size();
        // dim 0 is the embedder's closing chunk for images it gave up on: it carries no vector.
        if (c.getDim() < 0 || c.getDim() > MAX_DIM || (c.getDim() == 0 && rows > 0)) {
            return Optional.of("has dim " + c.getDim() + " for " + rows + " vectors");
        }
        long expected = (long) rows * c.getDim() * Float.BYTES;
        if (c.getVectors().remaining() != expected) {
            return Optional.of("has " + c.getVectors().remaining() + " bytes of vectors, but " + rows + " rows x "
                    + c.getDim() + " dims of float32 need " + expected);
        }
        Set<Integer> seen = new HashSet<>();
        for (int row : c.getIndices()) {
            if (row < 0) {
                return Optional.of("holds row " + row);
            }
            if (!seen.add(row)) {
                return Optional.of("holds row " + row + " twice");
            }
        }
        return Optional.empty();
    }

    /** A valid chunk against its batch's (valid) manifest, the model version aside (that closes the batch). */
    static Optional<String> chunkOf(EmbeddingChunk c, PeopleBatch m) {
        if (c.getChunkCount() != m.getChunkCount()) {
            return Optional.of("says the batch has " + c.getChunkCount() + " chunks, the manifest says " + m.getChunkCount());
        }
        for (int row : c.getIndices()) {
            if (row >= m.getImageCount()) {
                return Optional.of("holds row " + row + " of a batch of " + m.getImageCount() + " images");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> why(PeopleBatch m, String problem) {
        return Optional.of("manifest of " + m.getBatchId() + " " + problem);
    }
}
