package io.facenetstreams.miner;

import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.config.Stage;

import java.time.Duration;

/**
 * How the miner runs.
 *
 * @param maxTripletsPerRecord a batch with more triplets is split into parts (strategy "all" can select millions)
 * @param doneRetention        how long a finished batch's id is remembered to drop late, re-delivered chunks
 * @param selectorThreads      threads of the triplet selector (the stream thread waits for them)
 */
public record MinerSettings(int maxTripletsPerRecord, Duration doneRetention, int selectorThreads) {

    public MinerSettings {
        if (maxTripletsPerRecord < 1) {
            throw new IllegalArgumentException(RunOptions.MAX_TRIPLETS_PER_RECORD.property(Stage.MINER)
                    + " must be positive, got " + maxTripletsPerRecord);
        }
        if (selectorThreads < 1) {
            throw new IllegalArgumentException(RunOptions.SELECTOR_THREADS.property(Stage.MINER) + " must be positive, got " + selectorThreads);
        }
    }

    /** The catalogue's defaults (MinerConfig's {@code @WithDefault}s are held to them by a test). */
    public static MinerSettings defaults() {
        return new MinerSettings(
                Integer.parseInt(RunOptions.MAX_TRIPLETS_PER_RECORD.check(RunOptions.MAX_TRIPLETS_PER_RECORD.defaultValue())),
                Duration.parse(RunOptions.DONE_RETENTION.check(RunOptions.DONE_RETENTION.defaultValue())),
                Runtime.getRuntime().availableProcessors());
    }
}
