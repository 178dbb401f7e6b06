package io.facenetstreams.service;

import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.schemas.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Gets the file of a checkpoint event onto this host and verifies it: {@code file:} URIs are read in
 * place, {@code http(s):} URIs are downloaded into a cache directory (temporary file, then rename). The
 * sha256 must match the event's, otherwise the caller gets an error and keeps its current model.
 */
public final class CheckpointFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFetcher.class);

    private final Path cacheDir;
    /** How long one download may take in all, body included: a transfer that stalls is cut and tried again. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    // HTTP/1.1: the JDK client's default h2c upgrade against the trainer's server was seen to stall mid-body.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public CheckpointFetcher(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The verified local file of {@code checkpoint}. */
    public Path fetch(Checkpoint checkpoint) throws IOException {
        long version = checkpoint.getVersion();
        URI uri;
        try {
            uri = URI.create(checkpoint.getUri());
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint version " + version + " has a malformed URI '"
                    + checkpoint.getUri() + "'", e);
        }
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri);
            if (!Files.isRegularFile(file)) {
                throw new IOException("checkpoint version " + version + " is not at " + file
                        + " (deleted by keep-last-K, or on another host?)");
            }
            return verified(checkpoint, file);
        } else if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
            Path cached = cacheDir.resolve(CheckpointStore.fileName(version));
            if (Files.isRegularFile(cached) && CheckpointStore.sha256(cached).equalsIgnoreCase(checkpoint.getSha256())) {
                return cached;  // fetched before (by the prefetch, say): hashed just now, so already verified
            }
            return verified(checkpoint, download(uri, version, cached));
        }
        throw new IOException("checkpoint version " + version + ": unsupported URI scheme in '"
                + checkpoint.getUri() + "' (file, http and https are)");
    }

    /** {@code file} if its sha256 is the one the event announced; hashed once per fetch (checkpoints are large). */
    private static Path verified(Checkpoint checkpoint, Path file) throws IOException {
        String actual = CheckpointStore.sha256(file);
        if (!actual.equalsIgnoreCase(checkpoint.getSha256())) {
            throw new IOException("checkpoint version " + checkpoint.getVersion() + " from " + checkpoint.getUri()
                    + " has sha256 " + actual + ", but the event announced " + checkpoint.getSha256());
        }
        return file;
    }

    /** The whole response into {@code file}, within {@link #DOWNLOAD_TIMEOUT} (the request's own time-out covers headers only). */
    private HttpResponse<Path> receive(URI uri, Path file) throws IOException {
        var pending = http.sendAsync(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        try {
            return pending.get(DOWNLOAD_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new IOException("GET " + uri + " did not complete within " + DOWNLOAD_TIMEOUT, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("GET " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while fetching " + uri);
        }
    }

    /** Downloads {@code uri} to {@code target} (atomically), retrying failures but not refusals. */
    private Path download(URI uri, long version, Path target) throws IOException {
        Files.createDirectories(cacheDir);
        IOException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Path temp = Files.createTempFile(cacheDir, "download-", ".part");
            try {
                HttpResponse<Path> response = receive(uri, temp);
                if (response.statusCode() != 200) {
                    if (response.statusCode() / 100 == 4) {
                        // The trainer no longer keeps it (or never had it): asking again will not help.
                        throw new NotServedException("GET " + uri + " answered HTTP " + response.statusCode());
                    }
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } catch (NotServedException e) {
                throw new IOException("could not fetch checkpoint version " + version + ": " + e.getMessage(), e);
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                LOG.warn("fetching checkpoint version {} from {} failed (attempt {}): {}", version, uri,
                        attempt, e.toString());
                if (attempt < 5) {
                    sleep(250L << attempt);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        throw new IOException("could not fetch checkpoint version " + version + " from " + uri + ": "
                + last.getMessage(), last);
    }

    /** A refusal (4xx) rather than a failure: not retried. */
    private static final class NotServedException extends IOException {
        NotServedException(String message) {
            super(message);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
