package io.facenetstreams.sampler;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.data.DatasetRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The SHA-256 of a dataset image by its reference, read once: the same images come back in batch after batch. */
final class ImageHashes implements Function<String, String> {

    private final DatasetRoot root;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    ImageHashes(DatasetRoot root) {
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
