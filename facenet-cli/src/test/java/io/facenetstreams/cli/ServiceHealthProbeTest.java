package io.facenetstreams.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceHealthProbeTest {

    @Test
    void upSaysNothing() {
        assertThat(ServiceHealthProbe.downReason(200, """
                {"status":"UP","checks":[{"name":"embedder","status":"UP","data":{"state":"RUNNING","errors":0,"lastError":""}}]}
                """)).isEmpty();
    }

    @Test
    void aDeadWorkerGivesItsReasonAndAFailingOneItsLastError() {
        assertThat(ServiceHealthProbe.downReason(503, """
                {"status":"DOWN","checks":[{"name":"embedder","status":"DOWN","data":{"state":"DEAD","errors":1,
                 "lastError":"2024-01-01T03:12:00Z java.lang.OutOfMemoryError: Java heap space",
                 "reason":"worker died: java.lang.OutOfMemoryError: Java heap space"}}]}
                """)).contains("worker died: java.lang.OutOfMemoryError: Java heap space");
        assertThat(ServiceHealthProbe.downReason(503, """
                {"status":"DOWN","checks":[{"name":"sampler","status":"DOWN","data":{"state":"FAILING","errors":9,
                 "lastError":"2024-01-01T03:12:00Z java.lang.IllegalStateException: no registry",
                 "failingSince":"2024-01-01T03:11:00Z"}}]}
                """)).contains("every round failing since 2024-01-01T03:11:00Z; last error"
                + " 2024-01-01T03:12:00Z java.lang.IllegalStateException: no registry");
    }

    @Test
    void aDownCheckOfAnotherKindShowsItsData() {
        assertThat(ServiceHealthProbe.downReason(503, """
                {"status":"DOWN","checks":[{"name":"Kafka Streams state health check","status":"DOWN","data":{"state":"ERROR"}}]}
                """)).contains("Kafka Streams state health check {\"state\":\"ERROR\"}");
        assertThat(ServiceHealthProbe.downReason(500, "<html>oops</html>")).contains("HTTP 500");
    }

    @Test
    void probesEveryServiceAndNamesTheOnesDownOrNotAnswering() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health", exchange -> {
            byte[] body = """
                    {"status":"DOWN","checks":[{"name":"trainer","status":"DOWN","data":{"state":"DEAD","reason":"worker died: x"}}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("trainer", server.getAddress().getPort());
            ports.put("miner", 1);
            Map<String, String> down = new ServiceHealthProbe(Duration.ofSeconds(2)).down(ports);
            assertThat(down.keySet()).containsExactly("trainer", "miner");
            assertThat(down.get("trainer")).isEqualTo("worker died: x");
            assertThat(down.get("miner")).startsWith("health not answering (");
        } finally {
            server.stop(0);
        }
    }
}
