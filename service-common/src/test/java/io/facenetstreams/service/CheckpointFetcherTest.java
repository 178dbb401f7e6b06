package io.facenetstreams.service;

import com.sun.net.httpserver.HttpServer;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.schemas.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointFetcherTest {

    @TempDir
    Path dir;

    private Checkpoint event(String uri, String sha) {
        return Checkpoint.newBuilder().setModelName("m").setVersion(42).setEpoch(0).setArchitecture("small-cnn")
                .setEmbeddingSize(128).setImageSize(64).setUri(uri).setSha256(sha).setSizeBytes(3)
                .setCreatedAt(Instant.EPOCH).build();
    }

    @Test
    void readsFileUrisInPlaceAndChecksTheirHash() throws IOException {
        Path file = Files.writeString(dir.resolve("model.ckpt"), "abc");
        String sha = CheckpointStore.sha256(file);
        CheckpointFetcher fetcher = new CheckpointFetcher(dir.resolve("cache"));
        assertThat(fetcher.fetch(event(file.toUri().toString(), sha))).isEqualTo(file);
        assertThatThrownBy(() -> fetcher.fetch(event(file.toUri().toString(), "00".repeat(32))))
                .hasMessageContaining("version 42").hasMessageContaining("has sha256 " + sha)
                .hasMessageContaining("announced " + "00".repeat(32));
        assertThatThrownBy(() -> fetcher.fetch(event("ftp://x/y", sha))).hasMessageContaining("unsupported URI scheme");
        assertThatThrownBy(() -> fetcher.fetch(event(dir.resolve("gone.ckpt").toUri().toString(), sha)))
                .hasMessageContaining("is not at");
    }

    @Test
    void downloadsHttpUrisIntoTheCacheAndVerifiesThem() throws IOException {
        byte[] body = "checkpoint bytes".getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/checkpoints/42", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path reference = Files.write(dir.resolve("reference"), body);
            String sha = CheckpointStore.sha256(reference);
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/checkpoints/42";
            Path fetched = new CheckpointFetcher(dir.resolve("cache")).fetch(event(uri, sha));
            assertThat(fetched.getParent()).isEqualTo(dir.resolve("cache"));
            assertThat(Files.readAllBytes(fetched)).isEqualTo(body);
            String missing = "http://127.0.0.1:" + server.getAddress().getPort() + "/checkpoints/7";
            assertThatThrownBy(() -> new CheckpointFetcher(dir.resolve("cache2")).fetch(event(missing, sha)))
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
