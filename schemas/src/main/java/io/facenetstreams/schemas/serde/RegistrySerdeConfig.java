package io.facenetstreams.schemas.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Serde configuration, read from Kafka client configs under Confluent's own keys so that a deployment can
 * swap in Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} by class name without
 * touching the rest of its configuration.
 */
public record RegistrySerdeConfig(
        List<String> urls,
        boolean autoRegisterSchemas,
        boolean specificAvroReader,
        int retries,
        Duration retryBackoff,
        Duration requestTimeout) {

    /** Confluent: comma-separated registry base URLs, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Confluent: register the writer's schema when it is not yet known (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Confluent: decode into the generated (specific) class instead of a GenericRecord (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Ours: attempts after the first one when the registry is unreachable or answers 5xx. */
    public static final String RETRIES = "schema.registry.retries";
    /** Ours: first backoff between retries; doubles each time, capped at 5 s. */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Ours: timeout of one registry HTTP request. */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public RegistrySerdeConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("'" + SCHEMA_REGISTRY_URL + "' is required: the schema registry's "
                    + "Confluent-API base URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7");
        }
        for (String url : urls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("'" + SCHEMA_REGISTRY_URL + "' must be http(s) URLs, got '" + url + "'");
            }
        }
        urls = urls.stream().map(RegistrySerdeConfig::trimSlash).toList();
        if (retries < 0) {
            throw new IllegalArgumentException("'" + RETRIES + "' must be >= 0, got " + retries);
        }
    }

    /** A config with our defaults for one registry URL. */
    public static RegistrySerdeConfig of(String url) {
        return fromMap(Map.of(SCHEMA_REGISTRY_URL, url));
    }

    public static RegistrySerdeConfig fromMap(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        List<String> urls = url == null ? List.of()
                : Arrays.stream(url.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new RegistrySerdeConfig(
                urls,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, SPECIFIC_AVRO_READER, false),
                (int) number(configs, RETRIES, 5),
                Duration.ofMillis(number(configs, RETRY_BACKOFF_MS, 200)),
                Duration.ofMillis(number(configs, REQUEST_TIMEOUT_MS, 10_000)));
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = configs.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + v + "'");
    }

    private static long number(Map<String, ?> configs, String key, long dflt) {
        Object v = configs.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
