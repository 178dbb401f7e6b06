package io.facenetstreams.stack;

import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real schema registry: Apicurio Registry (Maven Central distribution) speaking Confluent's API under
 * {@code /apis/ccompat/v7}, with its SQL storage on an H2 file so that schemas survive restarts (records
 * written before a restart must still decode after it), global compatibility BACKWARD, bound to 127.0.0.1.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

    private final ManagedProcess process;
    private final int port;

    private SchemaRegistryServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the registry with its state under {@code stateDir} and waits until it answers (and has
     * compatibility BACKWARD), or fails with the reason and the end of its log.
     */
    public static SchemaRegistryServer start(Path stateDir, int port, Path logFile, Duration timeout) throws IOException {
        Path javaExe = JavaRuntimes.find(21, "The schema registry (Apicurio Registry " + ApicurioDistribution.version() + ")");
        Path home = ApicurioDistribution.home();
        Files.createDirectories(stateDir);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("apicurio.storage.kind", "sql");
        properties.put("apicurio.storage.sql.kind", "h2");
        properties.put("apicurio.datasource.url", "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("registry"));
        properties.put("apicurio.datasource.username", "sa");
        properties.put("apicurio.datasource.password", "sa");
        properties.put("quarkus.http.host", Ports.HOST);
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.management.host", Ports.HOST);
        properties.put("quarkus.management.port", Integer.toString(Ports.freePort()));
        ManagedProcess process = QuarkusApp.start("schema-registry", javaExe, home,
                List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                properties, Map.of(), logFile, stateDir);
        SchemaRegistryServer server = new SchemaRegistryServer(process, port);
        try {
            server.awaitReady(timeout);
            SchemaRegistryClient client = new SchemaRegistryClient(RegistrySerdeConfig.of(server.url()));
            if (!DEFAULT_COMPATIBILITY.equals(client.globalCompatibility())) {
                client.setGlobalCompatibility(DEFAULT_COMPATIBILITY);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The Confluent-API base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String url() {
        return "http://" + Ports.HOST + ":" + port + CONFLUENT_API_PATH;
    }

    public ManagedProcess process() {
        return process;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry exited during start-up (exit code " + process.exitCode()
                        + "). Last lines of " + process.logFile() + ":\n" + process.logTail(25));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the schema registry did not answer on " + url() + " within " + timeout.toSeconds()
                + " s. Last lines of " + process.logFile() + ":\n" + process.logTail(25));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
