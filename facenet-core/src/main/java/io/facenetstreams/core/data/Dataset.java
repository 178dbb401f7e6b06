package io.facenetstreams.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A dataset in the class-folder layout: its root and its classes, sorted by name, with
 * {@code classes().get(i).label() == i}. Classes without images are kept, as facenet's
 * {@code get_dataset} keeps them, so that labels do not depend on which folders happen to be empty;
 * the {@link PeopleSampler} skips them.
 */
public record Dataset(Path root, List<IdentityClass> classes) {

    public Dataset {
        Objects.requireNonNull(root, "root");
        classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).label() != i) {
                throw new IllegalArgumentException("class '" + classes.get(i).name() + "' at index " + i
                        + " has label " + classes.get(i).label() + "; labels must equal the class index");
            }
        }
    }

    /** Total number of images over all classes. */
    public int imageCount() {
        return classes.stream().mapToInt(IdentityClass::size).sum();
    }

    /** The confined resolver for this dataset's image references. */
    public DatasetRoot datasetRoot() {
        return DatasetRoot.of(root);
    }
}
