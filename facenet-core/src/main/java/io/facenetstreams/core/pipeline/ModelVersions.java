package io.facenetstreams.core.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The model versions an embedder keeps loaded: the newest ones, at most {@code capacity} (the current and
 * the previous by default), so that chunks pinned to the previous version while a new checkpoint lands
 * are still embedded with their own version. A version not held is loaded on demand; loading a version
 * evicts the oldest ones beyond capacity. Not thread-safe: one worker thread owns it.
 *
 * @param <M> the loaded model (closed on eviction)
 */
public final class ModelVersions<M extends AutoCloseable> implements AutoCloseable {

    /** Loads a version; may throw with a clear reason (missing, corrupt, sha mismatch). */
    @FunctionalInterface
    public interface Loader<M> {
        M load(long version) throws Exception;
    }

    private final int capacity;
    private final Loader<M> loader;
    private final TreeMap<Long, M> loaded = new TreeMap<>();

    public ModelVersions(int capacity, Loader<M> loader) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The model of {@code version}, loading it if needed. */
    public M get(long version) throws Exception {
        M model = loaded.get(version);
        if (model != null) {
            return model;
        }
        model = loader.load(version);
        loaded.put(version, model);
        while (loaded.size() > capacity) {
            Map.Entry<Long, M> oldest = loaded.firstEntry();
            if (oldest.getKey() == version) {
                // The requested (old) version itself would go: evict the next oldest instead.
                Long next = loaded.higherKey(version);
                M evicted = loaded.remove(next);
                closeQuietly(evicted);
            } else {
                loaded.remove(oldest.getKey());
                closeQuietly(oldest.getValue());
            }
        }
        return model;
    }

    public boolean holds(long version) {
        return loaded.containsKey(version);
    }

    /** The newest version held, or -1. */
    public long newest() {
        return loaded.isEmpty() ? -1 : loaded.lastKey();
    }

    public java.util.Set<Long> versions() {
        return java.util.Collections.unmodifiableSet(loaded.keySet());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Freeing a model that is no longer used.
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(ModelVersions::closeQuietly);
        loaded.clear();
    }
}
