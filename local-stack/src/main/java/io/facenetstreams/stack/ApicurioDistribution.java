package io.facenetstreams.stack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Apicurio Registry distribution from Maven Central ({@code io.apicurio:apicurio-registry-app:<v>:tar.gz:all}),
 * unpacked once into a cache directory shared by the CLI and the tests.
 */
public final class ApicurioDistribution {

    /** System property overriding where the distribution archive is. */
    public static final String ARCHIVE_PROPERTY = "facenet.apicurio.archive";
    /** Environment variable overriding the cache directory (default {@code ~/.cache/facenet-streams}). */
    public static final String CACHE_ENV = "FACENET_CACHE_DIR";

    private ApicurioDistribution() {
    }

    public static String version() {
        return StackProperties.get("apicurio.version");
    }

    /** The distribution archive, or a clear error saying how to get it. */
    public static Path archive() {
        String configured = System.getProperty(ARCHIVE_PROPERTY);
        Path archive = Path.of(configured != null && !configured.isBlank() ? configured : StackProperties.get("apicurio.archive"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the Apicurio Registry distribution is not at " + archive
                    + ": build the project once with network access to Maven Central (mvn package), which downloads it,"
                    + " or point -D" + ARCHIVE_PROPERTY + " at apicurio-registry-app-" + version() + "-all.tar.gz");
        }
        return archive;
    }

    /** The directory holding {@code quarkus-run.jar}, unpacking the archive on first use. */
    public static Path home() {
        Path cache = cacheDir();
        Path home = cache.resolve("apicurio-registry-app-" + version());
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            // Several processes (tests, the CLI) may race to unpack: one does it, the others wait.
            try (FileChannel lockChannel = FileChannel.open(cache.resolve(".apicurio.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                if (!Files.isRegularFile(home.resolve(".complete"))) {
                    unpack(archive(), cache, home);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Apicurio Registry distribution into " + home + ": "
                    + e.getMessage(), e);
        }
        return home;
    }

    private static void unpack(Path archive, Path cache, Path home) throws IOException {
        Path temp = Files.createTempDirectory(cache, "apicurio-unpack-");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = temp.resolve(entry.getName()).normalize();
                if (!target.startsWith(temp)) {
                    throw new IOException("archive entry '" + entry.getName() + "' would escape the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            deleteTree(temp);
            throw new IOException("archive " + archive + " is unreadable or truncated (" + e.getMessage()
                    + "); delete it and rebuild to download it again", e);
        }
        if (!Files.isRegularFile(temp.resolve("quarkus-run.jar"))) {
            deleteTree(temp);
            throw new IOException("archive " + archive + " has no quarkus-run.jar: not an Apicurio Registry distribution");
        }
        Files.writeString(temp.resolve(".complete"), archive.toString());
        deleteTree(home);
        Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
    }

    static Path cacheDir() {
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "facenet-streams");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
