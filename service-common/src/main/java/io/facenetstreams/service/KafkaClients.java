package io.facenetstreams.service;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the Kafka clients (producers, consumers, serdes) every service uses, with string keys and
 * registry-backed Avro values, from where the broker and the registry are and who is talking.
 */
public record KafkaClients(String bootstrapServers, String registryUrl, String service) {

    public KafkaClients {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(registryUrl, "registry url");
        Objects.requireNonNull(service, "service");
    }

    /** Configs shared by all clients. */
    public Map<String, Object> common() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(CommonClientConfigs.CLIENT_ID_CONFIG, service + "-" + ProcessHandle.current().pid());
        conf.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return conf;
    }

    public <V extends SpecificRecord> RegistryAvroSerde<V> serde(Class<V> type) {
        return RegistryAvroSerde.forValues(registryUrl, type);
    }

    /** An idempotent producer that waits for all replicas; records up to 8 MiB. */
    public <V extends SpecificRecord> KafkaProducer<String, V> producer(Class<V> type) {
        return new KafkaProducer<>(producerConfig(null), new StringSerializer(), serde(type).serializer());
    }

    /** A transactional producer: its sends and the consumer offsets it commits land together or not at all. */
    public <V extends SpecificRecord> KafkaProducer<String, V> transactionalProducer(Class<V> type, String transactionalId) {
        return new KafkaProducer<>(producerConfig(transactionalId), new StringSerializer(), serde(type).serializer());
    }

    private Map<String, Object> producerConfig(String transactionalId) {
        Map<String, Object> conf = common();
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        conf.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        conf.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        conf.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        if (transactionalId != null) {
            conf.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return conf;
    }

    /**
     * A consumer of {@code type} values in {@code group} (null: no group, for assign-only readers), reading
     * only committed records (exactly-once upstream), from the earliest offset when the group is new.
     */
    public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(String group, Class<V> type) {
        return consumer(group, type, Map.of());
    }

    /** As {@link #consumer(String, Class)}, with client configs of the caller's on top. */
    public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(String group, Class<V> type, Map<String, Object> overrides) {
        Map<String, Object> conf = common();
        if (group != null) {
            conf.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        conf.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20);
        conf.putAll(overrides);
        return new KafkaConsumer<>(conf, new StringDeserializer(), serde(type).deserializer());
    }

    /** A reporter that writes this service's dead letters. */
    public DeadLetterReporter deadLetters() {
        return new DeadLetterReporter(producer(DeadLetter.class), service);
    }
}
