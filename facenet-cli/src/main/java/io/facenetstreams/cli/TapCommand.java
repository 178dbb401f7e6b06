package io.facenetstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facenetstreams.schemas.json.AvroJson;
import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ./facenet tap TOPIC}: prints each record of a topic as one JSON line, decoded with the registry. */
@Command(name = "tap", mixinStandardHelpOptions = true,
        description = {
            "Print the records of a topic as JSON lines, decoded with the registry.",
            "",
            "Prints each record of TOPIC as one JSON line: key, partition, offset, timestamp and the value decoded "
                + "with the schema registry. Reads all partitions without joining a consumer group, so tapping "
                + "never disturbs the pipeline. A record that does not decode is printed with an \"error\" field.",
            "Topics: " + "people-batches, embedding-requests, embeddings, triplets, training-progress, checkpoints, "
                + "evaluations, dead-letters (or any other topic on the broker)."})
final class TapCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to print.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of only new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: run until Ctrl-C).")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop when no record arrived for this long (default: never).")
    Integer idleTimeoutSeconds;

    @Option(names = "--bootstrap-servers", defaultValue = CliDefaults.BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = CliDefaults.REGISTRY_URL,
            description = "Schema registry Confluent-API URL (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        List<TopicPartition> partitions = partitions();
        PrintStream out = System.out;
        RegistryAvroDeserializer<Object> values = new RegistryAvroDeserializer<>(
                SchemaRegistryClient.shared(RegistrySerdeConfig.of(registryUrl)), false);
        Map<String, Object> conf = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        long printed = 0;
        long lastRecord = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(conf)) {
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (max == null || printed < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(render(record, values));
                    printed++;
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                } else if (idleTimeoutSeconds != null
                        && System.nanoTime() - lastRecord > TimeUnit.SECONDS.toNanos(idleTimeoutSeconds)) {
                    break;
                }
            }
        }
        return 0;
    }

    private List<TopicPartition> partitions() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<String> names;
            try {
                names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers
                        + " (is './facenet infra' or './facenet up' running?): " + rootMessage(e));
            }
            if (!names.contains(topic)) {
                throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrapServers
                        + "; the pipeline's topics are: " + Topics.names());
            }
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (Exception e) {
                throw new IllegalStateException("cannot describe topic '" + topic + "': " + rootMessage(e));
            }
        }
    }

    private ObjectNode render(ConsumerRecord<byte[], byte[]> record, RegistryAvroDeserializer<Object> values) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("key", key(record.key()));
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        try {
            line.set("value", AvroJson.toJson(values.deserialize(record.topic(), record.value())));
        } catch (RuntimeException e) {
            line.putNull("value");
            line.put("error", rootMessage(e));
            line.put("raw_value_base64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        }
        return line;
    }

    private static String key(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(key);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return msg != null ? msg : t.getClass().getSimpleName();
    }
}
