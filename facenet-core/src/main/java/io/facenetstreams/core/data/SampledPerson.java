package io.facenetstreams.core.data;

import java.util.List;
import java.util.Objects;

/** The images taken from one identity for a people-batch, in the order they were drawn. */
public record SampledPerson(String className, int label, List<String> imagePaths) {

    public SampledPerson {
        Objects.requireNonNull(className, "className");
        imagePaths = List.copyOf(imagePaths);
    }
}
