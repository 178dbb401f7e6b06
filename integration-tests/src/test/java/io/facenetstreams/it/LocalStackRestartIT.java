package io.facenetstreams.it;

import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistryAvroSerializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.TopicSpec;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.stack.LocalStack;
import io.facenetstreams.stack.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stack keeps topics, records and schemas across a restart, and explains what it cannot do. */
class LocalStackRestartIT {

    @TempDir
    Path stateDir;

    @Test
    void restartKeepsTopicsRecordsAndSchemas() throws Exception {
        LocalStack.Config config = new LocalStack.Config(stateDir, Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Duration.ofSeconds(180));
        PeopleBatch sample = SampleRecords.peopleBatch();
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(config, msg -> { })) {
            assertThat((System.nanoTime() - started) / 1e9).as("seconds to start").isLessThan(60);
            assertCatalogue(stack);
            try (KafkaProducer<String, PeopleBatch> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                    new RegistryAvroSerializer<>(new SchemaRegistryClient(RegistrySerdeConfig.of(stack.registryUrl())), false))) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(Topics.PEOPLE_BATCHES, "b-" + i,
                            PeopleBatch.newBuilder(sample).setBatchId("b-" + i).setSequence(i).build())).get();
                }
            }
        }
        assertThat(Ports.isFree(config.kafkaPort())).as("kafka port released").isTrue();
        assertThat(Ports.isFree(config.registryPort())).as("registry port released").isTrue();

        try (LocalStack stack = LocalStack.start(config, msg -> { })) {
            assertThat(stack.topics()).allSatisfy(t -> assertThat(t.action()).isEqualTo("exists"));
            assertCatalogue(stack);
            // A fresh client: nothing cached, every schema must come from the restarted registry.
            SchemaRegistryClient fresh = new SchemaRegistryClient(RegistrySerdeConfig.of(stack.registryUrl()));
            assertThat(fresh.subjects()).contains(Topics.PEOPLE_BATCHES + "-value");
            List<PeopleBatch> read = new ArrayList<>();
            try (KafkaConsumer<String, PeopleBatch> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "restart-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new RegistryAvroDeserializer<>(fresh, PeopleBatch.class))) {
                consumer.subscribe(List.of(Topics.PEOPLE_BATCHES));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read.size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
                }
            }
            assertThat(read).extracting(PeopleBatch::getBatchId).containsExactlyInAnyOrder("b-0", "b-1", "b-2");
            assertThat(read).allSatisfy(b -> assertThat(b.getPeople()).isEqualTo(sample.getPeople()));
        }
    }

    @Test
    void secondStackOnTheSameStateDirIsRefused() {
        LocalStack.Config config = new LocalStack.Config(stateDir, Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Duration.ofSeconds(180));
        try (LocalStack ignored = LocalStack.start(config, msg -> { })) {
            LocalStack.Config other = new LocalStack.Config(stateDir, Ports.freePort(), Ports.freePort(), Ports.freePort(),
                    Duration.ofSeconds(60));
            assertThatThrownBy(() -> LocalStack.start(other, msg -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another facenet process");
            // Its ports are taken too: a clear message, not a bind stack trace.
            LocalStack.Config samePorts = new LocalStack.Config(stateDir.resolve("elsewhere"), config.kafkaPort(), 0,
                    Ports.freePort(), Duration.ofSeconds(60));
            assertThatThrownBy(() -> LocalStack.start(samePorts, msg -> { }))
                    .hasMessageContaining("port " + config.kafkaPort()).hasMessageContaining("already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }

    @Test
    void damagedStateDirIsExplained() throws Exception {
        Files.createDirectories(stateDir.resolve("kafka/data"));
        Files.writeString(stateDir.resolve("kafka/data/meta.properties"), "this is not a kafka meta.properties\n");
        LocalStack.Config config = new LocalStack.Config(stateDir, Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Duration.ofSeconds(120));
        assertThatThrownBy(() -> LocalStack.start(config, msg -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka broker exited during start-up")
                .hasMessageContaining("state directory");
        assertThat(Ports.isFree(config.registryPort())).as("the registry that did start was stopped").isTrue();
    }

    private static void assertCatalogue(LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            String policy = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHECKPOINTS)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next().get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }
}
