package io.facenetstreams.schemas.topics;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.Objects;

/**
 * One topic of the pipeline: its name, how it is laid out and what travels on it.
 *
 * @param name          kebab-case topic name
 * @param partitions    partition count the local stack creates it with
 * @param cleanupPolicy {@code delete} or {@code compact}
 * @param keyMeaning    what the (string) key holds, for documentation and {@code tap}
 * @param valueType     the Avro record class of the value
 * @param retentionMs   retention for delete-policy topics, or -1 for the broker default
 * @param maxMessageBytes largest record the topic accepts, or -1 for the broker default (1 MiB)
 */
public record TopicSpec(
        String name,
        int partitions,
        String cleanupPolicy,
        String keyMeaning,
        Class<? extends SpecificRecord> valueType,
        long retentionMs,
        int maxMessageBytes) {

    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (!DELETE.equals(cleanupPolicy) && !COMPACT.equals(cleanupPolicy)) {
            throw new IllegalArgumentException("topic " + name + ": cleanup policy must be delete or compact, was " + cleanupPolicy);
        }
    }

    /** The Avro schema of the value, as the registry stores it under {@code <name>-value}. */
    public Schema valueSchema() {
        return org.apache.avro.specific.SpecificData.get().getSchema(valueType);
    }

    /** Topic-level configs the topic is created with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        if (retentionMs > 0) {
            configs.put("retention.ms", Long.toString(retentionMs));
        }
        if (maxMessageBytes > 0) {
            configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
        }
        return configs;
    }

    /** Registry subject of the value schema (Confluent's TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }
}
