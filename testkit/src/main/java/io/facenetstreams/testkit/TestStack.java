package io.facenetstreams.testkit;

import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.stack.LocalStack;
import io.facenetstreams.stack.Ports;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running broker and registry for integration tests, with helpers for clients and fresh topics. The
 * catalogue's topics exist; tests that need isolation create their own with {@link #newTopic}.
 */
public final class TestStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestStack.class);

    private final LocalStack stack;
    private final Path stateDir;

    private TestStack(LocalStack stack, Path stateDir) {
        this.stack = stack;
        this.stateDir = stateDir;
    }

    /** Starts a broker and a registry on free loopback ports with a throw-away state directory. */
    public static TestStack start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("facenet-teststack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int kafkaPort = Ports.freePort();
        int registryPort = Ports.freePort();
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(
                new LocalStack.Config(dir, kafkaPort, Ports.freePort(), registryPort, Duration.ofSeconds(180)),
                LOG::info);
        LOG.info("test stack up in {} ms: kafka {} registry {}", (System.nanoTime() - t0) / 1_000_000,
                stack.bootstrapServers(), stack.registryUrl());
        return new TestStack(stack, dir);
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String registryUrl() {
        return stack.registryUrl();
    }

    public SchemaRegistryClient registry() {
        return SchemaRegistryClient.shared(RegistrySerdeConfig.of(registryUrl()));
    }

    /** Client configs every test client starts from. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        conf.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        return conf;
    }

    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** Creates a topic with a unique name and returns the name. */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    public <V> KafkaProducer<String, V> producer(Serializer<V> values) {
        Map<String, Object> conf = clientConfig();
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(conf, new StringSerializer(), values);
    }

    public <V extends SpecificRecord> KafkaProducer<String, V> producer(Class<V> type) {
        return producer(RegistryAvroSerde.forValues(registryUrl(), type).serializer());
    }

    /** A consumer in a fresh group that starts at the earliest offset. */
    public <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
        Map<String, Object> conf = clientConfig();
        conf.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(conf, new StringDeserializer(), values);
    }

    public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Class<V> type) {
        return consumer(RegistryAvroSerde.forValues(registryUrl(), type).deserializer());
    }

    @Override
    public void close() {
        stack.close();
        try (Stream<Path> walk = Files.walk(stateDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", stateDir, e.getMessage());
        }
    }
}
