package io.facenetstreams.miner;

import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Optional;

/** The miner's configuration ({@code facenet.*}). Kafka Streams itself is configured under {@code kafka-streams.*}. */
@ConfigMapping(prefix = "facenet")
public interface MinerConfig {

    @WithParentName
    PipelineConfig pipeline();

    Miner miner();

    interface Miner {
        @WithDefault("50000")
        int maxTripletsPerRecord();

        @WithDefault("24h")
        Duration doneRetention();

        /** Selector threads (default: the available processors). */
        Optional<Integer> selectorThreads();
    }
}
