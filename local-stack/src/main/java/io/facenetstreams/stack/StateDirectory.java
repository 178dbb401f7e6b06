package io.facenetstreams.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local stack's state directory: broker data, registry database, logs. Locked while a stack runs on
 * it, so that two commands never share one broker's files.
 *
 * <pre>
 *   DIR/kafka/       broker config, cluster id and data (log.dirs)
 *   DIR/registry/    the registry's H2 database
 *   DIR/logs/        kafka.log, schema-registry.log (and the services' logs)
 * </pre>
 */
public final class StateDirectory implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates (if needed) and locks {@code root}, or explains why it cannot be used. */
    public static StateDirectory open(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("state directory " + abs + " exists but is not a directory");
        }
        try {
            Files.createDirectories(abs.resolve("logs"));
            if (Files.exists(abs.resolve("kafka")) && !Files.isDirectory(abs.resolve("kafka"))) {
                throw new IllegalArgumentException("state directory " + abs + " is damaged: 'kafka' is not a directory."
                        + " Move it aside or use another --state-dir.");
            }
            FileChannel channel = FileChannel.open(abs.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                String holder = Files.exists(abs.resolve(".pid")) ? Files.readString(abs.resolve(".pid")).trim() : "unknown";
                throw new IllegalStateException("state directory " + abs + " is in use by another facenet process (pid "
                        + holder + "); stop it first or use another --state-dir");
            }
            Files.writeString(abs.resolve(".pid"), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            return new StateDirectory(abs, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use state directory " + abs + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path registry() {
        return root.resolve("registry");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(root.resolve(".pid"));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // Releasing on exit; the OS drops the lock anyway.
        }
    }
}
