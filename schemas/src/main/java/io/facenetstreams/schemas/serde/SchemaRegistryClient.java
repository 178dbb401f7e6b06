package io.facenetstreams.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the schema registry's Confluent REST API (works against Confluent's registry and Apicurio's
 * {@code /apis/ccompat/v7}). Caches ids and schemas, retries unreachable or failing (5xx) registries with
 * exponential backoff, and turns every refusal into a {@link SchemaRegistryException} that says what went
 * wrong. Instances are shared per configuration ({@link #shared}) so that all serdes of a process share
 * one cache.
 */
public final class SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<RegistrySerdeConfig, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final RegistrySerdeConfig config;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistrySerdeConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The process-wide client for this configuration. */
    public static SchemaRegistryClient shared(RegistrySerdeConfig config) {
        return SHARED.computeIfAbsent(config, SchemaRegistryClient::new);
    }

    public RegistrySerdeConfig config() {
        return config;
    }

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encode(subject) + "/versions",
                "register schema " + schema.getFullName() + " under subject '" + subject + "'");
    }

    /** The id of {@code schema} if it is already registered under {@code subject}; never registers. */
    public int lookup(String subject, Schema schema) {
        return idFor(subject, schema, "/subjects/" + encode(subject),
                "look up schema " + schema.getFullName() + " under subject '" + subject
                        + "' (auto.register.schemas is false, so it must be registered beforehand)");
    }

    /** The cached id of {@code schema} under {@code subject}, or the one the registry answers to a POST to {@code path}. */
    private int idFor(String subject, Schema schema, String path, String action) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode answer = send("POST", path, body, action);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry answered without an id to: " + action + ": " + answer, 200, -1, null);
        }
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The writer schema with this global id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryException("registry answered without a schema for id " + id + ": " + answer, 200, -1, null);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema id " + id + " is not an Avro schema: " + e.getMessage(), 200, -1, e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /** All subjects the registry knows. */
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, "list subjects");
        List<String> subjects = new ArrayList<>();
        answer.forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    /** The global compatibility level (NONE, BACKWARD, ...). */
    public String globalCompatibility() {
        return send("GET", "/config", null, "read the global compatibility level").path("compatibilityLevel").asText();
    }

    /** Sets the global compatibility level. */
    public void setGlobalCompatibility(String level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level), "set global compatibility to " + level);
    }

    private JsonNode send(String method, String path, JsonNode body, String what) {
        SchemaRegistryException last = null;
        long backoff = Math.max(1, config.retryBackoff().toMillis());
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            for (String base : config.urls()) {
                try {
                    return sendOnce(base, method, path, body, what);
                } catch (SchemaRegistryException e) {
                    if (!retriable(e)) {
                        throw e;
                    }
                    last = e;
                }
            }
            if (attempt < config.retries()) {
                LOG.warn("schema registry: could not {} ({}); retrying in {} ms", what, last.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
        throw new SchemaRegistryException(last.getMessage() + " (gave up after " + (config.retries() + 1) + " attempts)",
                last.httpStatus(), last.errorCode(), last.getCause());
    }

    private JsonNode sendOnce(String base, String method, String path, JsonNode body, String what) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + base + " is unreachable, could not " + what
                    + ": " + describe(e), -1, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while trying to " + what, -1, -1, e);
        }
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status / 100 == 2) {
            return json;
        }
        int errorCode = json.path("error_code").asInt(-1);
        String message = json.path("message").asText(response.body());
        String reason = switch (status) {
            case 409 -> "the registry rejected the schema as incompatible with the subject's earlier versions";
            case 422 -> "the registry rejected the schema as invalid";
            case 404 -> "not found";
            default -> "HTTP " + status;
        };
        throw new SchemaRegistryException("schema registry at " + base + " refused to " + what + ": " + reason
                + " (" + message + ")", status, errorCode, null);
    }

    private static boolean retriable(SchemaRegistryException e) {
        return e.isUnreachable() || e.httpStatus() >= 500 || e.httpStatus() == 408 || e.httpStatus() == 429;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry the schema registry", -1, -1, e);
        }
    }
}
