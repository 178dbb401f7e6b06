package io.facenetstreams.service.config;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueCheckTest {

    @ConfigMapping(prefix = "facenet")
    interface MinerLike {
        @WithParentName
        PipelineConfig pipeline();

        Miner miner();

        interface Miner {
            @WithDefault("50000")
            int maxTripletsPerRecord();

            @WithDefault("12h")
            java.time.Duration doneRetention();

            int unknownKnob();
        }
    }

    @ConfigMapping(prefix = "facenet")
    interface TrainerLike {
        Trainer trainer();

        interface Trainer {
            Map<String, String> options();
        }
    }

    @Test
    void namesEveryDrift() {
        Properties props = new Properties();
        props.setProperty("facenet.miner.stray", "1");
        props.setProperty("quarkus.kafka-streams.bootstrap-servers", "${facenet.bootstrap-servers:localhost:1}");
        assertThat(CatalogueCheck.problems(Stage.MINER, MinerLike.class, props)).containsExactlyInAnyOrder(
                "facenet.miner.done-retention: default '12h' in @WithDefault, RunOptions '24h'",
                "facenet.miner.unknown-knob: declared by MinerLike but RunOptions has no option the miner-service reads"
                        + " under that name",
                "facenet.miner.selector-threads: RunOptions says the miner-service reads it, but MinerLike does not declare it",
                "facenet.miner.stray: set in application.properties but MinerLike does not declare it",
                "quarkus.kafka-streams.bootstrap-servers (fallback of facenet.bootstrap-servers): default 'localhost:1' in"
                        + " application.properties, RunOptions '127.0.0.1:9092'");
    }

    @Test
    void mapEntriesAreCheckedAgainstTheirReferenceNamedOptions() {
        Properties props = new Properties();
        props.setProperty("facenet.trainer.options.learning_rate", "0.10");
        props.setProperty("facenet.trainer.options.alpha", "0.3");
        props.setProperty("facenet.trainer.options.lr", "0.1");
        assertThat(CatalogueCheck.problems(Stage.TRAINER, TrainerLike.class, props))
                .contains("facenet.trainer.options.alpha: default '0.3' in application.properties, RunOptions '0.2'")
                .anyMatch(p -> p.startsWith("facenet.trainer.options.lr: set in application.properties but RunOptions"))
                .noneMatch(p -> p.startsWith("facenet.trainer.options.learning_rate"));
    }
}
