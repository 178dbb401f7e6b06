package io.facenetstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks each service's {@code /q/health} (on 127.0.0.1) whether it is DOWN and why, all at once with a short
 * timeout, so that a stall report can name the service whose worker died or keeps failing.
 */
final class ServiceHealthProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final java.util.Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ServiceHealthProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Service name to why it is DOWN, in the order given; services that are UP are left out. */
    Map<String, String> down(Map<String, Integer> ports) {
        Map<String, CompletableFuture<Optional<String>>> asked = new LinkedHashMap<>();
        ports.forEach((service, port) -> asked.put(service, http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health")).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    answered.add(service);
                    return downReason(response.statusCode(), response.body());
                })
                .exceptionally(e -> Optional.of("health not answering (" + TapCommand.rootMessage(e) + ")"))));
        Map<String, String> down = new LinkedHashMap<>();
        asked.forEach((service, answer) -> answer.join().ifPresent(reason -> down.put(service, reason)));
        return down;
    }

    /** Whether every one of these services has answered a health request at least once (they are started). */
    boolean allAnswered(java.util.Collection<String> services) {
        return answered.containsAll(services);
    }

    /** Whether this service has ever answered: one that never did may still be starting. */
    boolean hasAnswered(String service) {
        return answered.contains(service);
    }

    /**
     * Why a health answer says DOWN, or empty when it says UP: for each DOWN check its worker's death reason,
     * or how long it has failed and its last error, or its data as it is.
     */
    static Optional<String> downReason(int statusCode, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return statusCode == 200 ? Optional.empty() : Optional.of("HTTP " + statusCode);
        }
        if (root == null || "UP".equals(root.path("status").asText()) && statusCode == 200) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            if ("UP".equals(check.path("status").asText())) {
                continue;
            }
            JsonNode data = check.path("data");
            String lastError = data.path("lastError").asText("");
            String reason;
            if (!data.path("reason").asText("").isEmpty()) {
                reason = data.path("reason").asText();
            } else if ("FAILING".equals(data.path("state").asText())) {
                reason = "every round failing since " + data.path("failingSince").asText("?") + "; last error " + lastError;
            } else if (!lastError.isEmpty()) {
                reason = lastError;
            } else if (data.isObject() && data.size() > 0) {
                reason = check.path("name").asText("?") + " " + data;
            } else {
                reason = check.path("name").asText("?");
            }
            reasons.add(reason);
        }
        return Optional.of(reasons.isEmpty() ? "HTTP " + statusCode : String.join("; ", reasons));
    }
}
