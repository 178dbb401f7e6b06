package io.facenetstreams.core.inference;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image to embed and the name its row carries: the path relative to the folder it was found under
 * ('/'-separated), or the path as the user gave it.
 */
public record ImageFile(Path file, String label) {

    public ImageFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(label, "label");
    }
}
