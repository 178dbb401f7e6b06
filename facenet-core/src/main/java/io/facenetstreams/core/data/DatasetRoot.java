package io.facenetstreams.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves image references (paths relative to a dataset root, '/' separated) to files, confined to
 * the root. Every image read that comes from a record on a topic goes through here, so a record can
 * never make a service read another file: absolute paths, '..' segments, empty references or
 * segments, backslashes and NUL are rejected, and so is any reference whose real path (links
 * followed) leaves the root's real path.
 */
public final class DatasetRoot {

    private final Path root;
    private final Path realRoot;

    private DatasetRoot(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /**
     * A resolver for the existing directory {@code root}.
     *
     * @throws UncheckedIOException when the root does not exist or is not a directory
     */
    public static DatasetRoot of(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Path real = absolute.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new UncheckedIOException(new IOException("dataset root " + absolute + " is not a directory"));
            }
            return new DatasetRoot(absolute, real);
        } catch (IOException e) {
            throw new UncheckedIOException(new NoSuchFileException(absolute.toString(), null,
                    "dataset root does not exist or cannot be read: " + e.getMessage()));
        }
    }

    /** The root as given (absolute, normalised). */
    public Path root() {
        return root;
    }

    /**
     * The real path of the existing file that {@code reference} names under the root.
     *
     * @throws ImageReferenceException when the reference is malformed or leaves the root
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} when no such file exists
     */
    public Path resolve(String reference) {
        Path candidate = root.resolve(checkSyntax(reference));
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new NoSuchFileException(candidate.toString(), null,
                    "image reference '" + reference + "' does not exist under dataset root " + root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve image reference '" + reference + "' under dataset root "
                    + root + ": " + e.getMessage(), e);
        }
        if (!real.startsWith(realRoot)) {
            throw new ImageReferenceException(reference, "image reference '" + reference
                    + "' resolves to " + real + ", outside dataset root " + root);
        }
        return real;
    }

    /**
     * The reference of a file under the root ('/' separated, relative), the inverse of
     * {@link #resolve} for paths that are lexically under the root.
     *
     * @throws IllegalArgumentException when the path is not under the root
     */
    public String reference(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(root) || absolute.equals(root)) {
            throw new IllegalArgumentException(file + " is not under dataset root " + root);
        }
        return root.relativize(absolute).toString().replace(java.io.File.separatorChar, '/');
    }

    /** Checks the lexical form of a reference; returns it unchanged when it is acceptable. */
    static String checkSyntax(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new ImageReferenceException(String.valueOf(reference), "image reference is empty");
        }
        if (reference.indexOf('\0') >= 0) {
            throw new ImageReferenceException(reference, "image reference '" + reference.replace("\0", "\\0")
                    + "' contains a NUL character");
        }
        if (reference.indexOf('\\') >= 0) {
            throw new ImageReferenceException(reference, "image reference '" + reference
                    + "' contains a backslash; use '/' separators");
        }
        if (reference.startsWith("/")) {
            throw new ImageReferenceException(reference, "image reference '" + reference
                    + "' is absolute; references are relative to the dataset root");
        }
        for (String segment : reference.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ImageReferenceException(reference, "image reference '" + reference
                        + "' has a forbidden segment '" + segment + "' (empty, '.' and '..' are not allowed)");
            }
        }
        return reference;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
