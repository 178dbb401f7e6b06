package io.facenetstreams.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The SHA-256 of a dataset image by its reference, read once: the same images come back in batch after batch. */
public final class ImageHashes implements Function<String, String> {

    private final DatasetRoot root;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    public ImageHashes(DatasetRoot root) {
        this.root = root;
    }

    @Override
    public String apply(String reference) {
        return hashes.computeIfAbsent(reference, ref -> {
            try {
                return ContentHash.sha256(root.resolve(ref));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + ref + " under " + root.root() + ": " + e.getMessage(), e);
            }
        });
    }
}
