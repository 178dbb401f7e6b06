package io.facenetstreams.it;

import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, run for real with two embedder replicas, where a Docker engine exists (skipped where there
 * is none, as on the development machines of this project): the pipeline trains and the evaluator publishes.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposePipelineIT {

    private static final File HOME = new File(System.getProperty("facenet.home", "..")).getAbsoluteFile();

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File(HOME, "docker-compose.yml"))
            .withBuild(true)
            .withScaledService("embedder-service", 2)
            .waitingFor("schema-registry", Wait.forHealthcheck())
            .waitingFor("evaluator-service", Wait.forLogMessage(".*evaluator: version.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(20)));

    @Test
    void theComposedPipelinePublishesEvaluations() {
        try (KafkaConsumer<String, Evaluation> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:19092",
                ConsumerConfig.GROUP_ID_CONFIG, "compose-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                RegistryAvroSerde.forValues("http://127.0.0.1:8081", Evaluation.class).deserializer())) {
            consumer.subscribe(List.of(Topics.EVALUATIONS));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            Evaluation first = null;
            while (first == null && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    first = r.value();
                }
            }
            assertThat(first).isNotNull();
            assertThat(first.getAccuracyMean()).isBetween(0.0, 1.0);
        }
    }
}
