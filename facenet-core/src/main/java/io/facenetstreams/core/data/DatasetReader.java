package io.facenetstreams.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a dataset in the class-folder layout: one folder per identity under the root, the images
 * inside it. Classes are sorted by folder name and labelled by their index; files are sorted by name
 * (the reference listed them unsorted, which made runs depend on the file system). Only files ending in
 * png, jpg or jpeg (any case) count as images; hidden entries (names starting with '.') are ignored.
 * Folders without images are kept as empty classes (see {@link Dataset}).
 */
public final class DatasetReader {

    private DatasetReader() {
    }

    /**
     * Reads the dataset under {@code root}.
     *
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} or {@link NotDirectoryException}
     *         when the root is missing or not a directory, or any I/O error while listing
     * @throws IllegalArgumentException when the root holds no class folder
     */
    public static Dataset read(Path root) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        if (!Files.exists(absoluteRoot)) {
            throw new UncheckedIOException(new NoSuchFileException(absoluteRoot.toString(), null,
                    "dataset root does not exist"));
        }
        if (!Files.isDirectory(absoluteRoot)) {
            throw new UncheckedIOException(new NotDirectoryException(absoluteRoot + " (dataset root is not a directory)"));
        }
        List<String> classNames = listSorted(absoluteRoot, true);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("dataset root " + absoluteRoot
                    + " holds no class folders (expected one folder per identity)");
        }
        List<IdentityClass> classes = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            List<String> files = listSorted(absoluteRoot.resolve(className), false);
            List<String> refs = new ArrayList<>(files.size());
            for (String file : files) {
                refs.add(className + "/" + file);
            }
            classes.add(new IdentityClass(className, classes.size(), refs));
        }
        return new Dataset(absoluteRoot, classes);
    }

    /** True for the file names the reader counts as images (png, jpg, jpeg; any case). */
    public static boolean isImageFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    private static List<String> listSorted(Path dir, boolean directories) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> directories ? Files.isDirectory(p)
                            : Files.isRegularFile(p) && isImageFileName(p.getFileName().toString()))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
