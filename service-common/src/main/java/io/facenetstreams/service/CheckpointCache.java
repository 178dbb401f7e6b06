package io.facenetstreams.service;

import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.schemas.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Local copies of recent checkpoints, fetched as soon as they are announced. The trainer keeps only its last
 * few checkpoints; a people-batch pinned to a version the trainer has since deleted must still be embedded
 * with that version, so every announced version is downloaded (and verified) right away on a background
 * thread, and the newest {@code keepFiles} stay in the cache.
 */
public final class CheckpointCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCache.class);

    private final Path dir;
    private final int keepFiles;
    private final CheckpointFetcher fetcher;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "checkpoint-prefetch");
        t.setDaemon(true);
        return t;
    });

    public CheckpointCache(CheckpointFeed feed, Path dir, int keepFiles) {
        this.dir = dir;
        this.keepFiles = Math.max(2, keepFiles);
        this.fetcher = new CheckpointFetcher(dir);
        feed.onCheckpoint(c -> prefetcher.submit(() -> prefetch(c)));
    }

    /** The verified local file of {@code checkpoint} (fetched now if the prefetch has not got it yet). */
    public Path file(Checkpoint checkpoint) throws IOException {
        return fetcher.fetch(checkpoint);
    }

    private void prefetch(Checkpoint checkpoint) {
        try {
            fetcher.fetch(checkpoint);
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not prefetch checkpoint version {}: {}", checkpoint.getVersion(), e.getMessage());
        }
    }

    private void prune() throws IOException {
        // The cache holds files named as the trainer's store names them: the store's pruning applies.
        new CheckpointStore(dir, keepFiles).prune();
    }

    @Override
    public void close() {
        prefetcher.shutdownNow();
        try {
            prefetcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
