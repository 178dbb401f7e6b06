package io.facenetstreams.core.data;

import java.util.List;
import java.util.Objects;

/**
 * One identity of a dataset: its folder name, its label (index of the class in the sorted class
 * list) and its image references, relative to the dataset root with '/' separators, sorted by name.
 */
public record IdentityClass(String name, int label, List<String> imagePaths) {

    public IdentityClass {
        Objects.requireNonNull(name, "name");
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label + " for class '" + name + "'");
        }
        imagePaths = List.copyOf(imagePaths);
    }

    /** Number of images of this identity. */
    public int size() {
        return imagePaths.size();
    }
}
