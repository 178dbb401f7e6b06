package io.facenetstreams.schemas.serde;

import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's retry and error logic against a tiny HTTP server on 127.0.0.1 that answers like a registry
 * in trouble (the real registry is exercised by the integration tests).
 */
class SchemaRegistryClientTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int failuresBeforeSuccess, int failureStatus, AtomicInteger calls) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            int n = calls.incrementAndGet();
            boolean fail = n <= failuresBeforeSuccess;
            String body = fail ? "{\"error_code\":" + failureStatus + "01,\"message\":\"busy\"}" : "{\"id\":7}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? failureStatus : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static SchemaRegistryClient client(String url, int retries) {
        return new SchemaRegistryClient(new RegistrySerdeConfig(List.of(url), true, false, retries,
                Duration.ofMillis(5), Duration.ofSeconds(2)));
    }

    @Test
    void retriesServerErrorsThenSucceedsAndCaches() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        SchemaRegistryClient client = client(serve(2, 503, calls), 3);
        assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(client.register("t-value", SCHEMA)).isEqualTo(7);
        assertThat(calls.get()).as("second registration served from the cache").isEqualTo(3);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        SchemaRegistryClient client = client(serve(100, 500, calls), 2);
        assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("gave up after 3 attempts");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void refusalsAreNotRetriedAndSayWhy() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        SchemaRegistryClient client = client(serve(100, 409, calls), 5);
        assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatibleSchema()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(40901);
                    assertThat(e.getMessage()).contains("incompatible").contains("'t-value'").contains("busy");
                });
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void unreachableRegistryIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        SchemaRegistryClient client = client("http://127.0.0.1:" + port, 1);
        assertThatThrownBy(() -> client.schemaById(3))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.getMessage()).contains("http://127.0.0.1:" + port).contains("unreachable")
                            .contains("fetch schema id 3").contains("gave up after 2 attempts");
                });
    }
}
