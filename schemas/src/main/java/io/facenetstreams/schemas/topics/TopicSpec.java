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
 */
public record TopicSpec(
        String name,
        int partitions,
        String cleanupPolicy,
        String keyMeaning,
        Class<? extends SpecificRecord> valueType,
        long retentionMs) {

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
        return retentionMs > 0
                ? Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retentionMs))
                : Map.of("cleanup.policy", cleanupPolicy);
    }

    /** Registry subject of the value schema (Confluent's TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }
}
