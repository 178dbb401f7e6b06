package io.facenetstreams.embedder;

import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The embedder's configuration ({@code facenet.*}; defaults in application.properties). */
@ConfigMapping(prefix = "facenet")
public interface EmbedderConfig {

    @WithParentName
    PipelineConfig pipeline();

    /** The training dataset root; image references resolve under it, confined ({@code facenet.data-dir}). */
    Path dataDir();

    Embedder embedder();

    interface Embedder {
        /** Where downloaded checkpoints are kept. */
        Path cacheDir();

        /** Model versions kept loaded (the current and the previous by default). */
        int modelsKept();

        /** Checkpoint files kept on disk, fetched as they are announced (the trainer keeps only its last few). */
        @io.smallrye.config.WithDefault("10")
        int cachedCheckpoints();

        /** How long a request pinned to a version not yet announced waits for its checkpoint event. */
        Duration versionWait();

        /** Attempts at one request before it is dead-lettered (a crash-looping record must not stall the group). */
        int maxAttempts();

        /** This replica's name in chunks and logs (default: host and pid). */
        Optional<String> id();

        /**
         * Fault injection for tests only ({@code facenet.embedder.testing.non-finite-chunks}): the first N chunks
         * this replica embeds are published with NaN vectors, past its own guard, to prove that the miner closes
         * such a batch. Never set it in a real run; the embedder warns loudly at start when it is set.
         */
        @io.smallrye.config.WithName("testing.non-finite-chunks")
        @io.smallrye.config.WithDefault("0")
        int testingNonFiniteChunks();
    }
}
