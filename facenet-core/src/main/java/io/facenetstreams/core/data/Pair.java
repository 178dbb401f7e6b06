package io.facenetstreams.core.data;

import java.nio.file.Path;
import java.util.Objects;

/** An LFW pair resolved to its two image files; {@code same} is true for a same-identity pair. */
public record Pair(Path leftPath, Path rightPath, boolean same) {

    public Pair {
        Objects.requireNonNull(leftPath, "leftPath");
        Objects.requireNonNull(rightPath, "rightPath");
    }
}
