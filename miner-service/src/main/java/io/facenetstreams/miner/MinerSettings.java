package io.facenetstreams.miner;

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
            throw new IllegalArgumentException("facenet.miner.max-triplets-per-record must be positive, got " + maxTripletsPerRecord);
        }
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("facenet.miner.selector-threads must be positive, got " + selectorThreads);
        }
    }

    public static MinerSettings defaults() {
        return new MinerSettings(50_000, Duration.ofHours(24), Runtime.getRuntime().availableProcessors());
    }
}
