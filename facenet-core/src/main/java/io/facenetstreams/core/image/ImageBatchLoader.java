package io.facenetstreams.core.image;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.Seeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Loads many images into network input at once: resolves each reference under the dataset root
 * (confined), checks its content hash when one is given, decodes and preprocesses it. An image that
 * cannot be used does not fail the batch: it is reported per image, with the reason, and its slot stays
 * empty, so one corrupt file never loses the other images. Decoding runs in parallel; random crops and
 * flips are drawn from a generator derived from the seed, the caller's coordinates and the image's
 * position, so the result does not depend on thread scheduling.
 */
public final class ImageBatchLoader {

    /** One image to load: a reference under the dataset root, or an absolute path, and an optional sha256. */
    public record Source(String reference, Path path, String expectedSha256) {
        public Source {
            if ((reference == null) == (path == null)) {
                throw new IllegalArgumentException("an image source is either a reference or a path");
            }
        }

        public static Source reference(String reference, String expectedSha256) {
            return new Source(reference, null, expectedSha256);
        }

        public static Source path(Path path) {
            return new Source(null, path, null);
        }

        String name() {
            return reference != null ? reference : path.toString();
        }
    }

    /** An image that could not be loaded, at its position in the request. */
    public record Failure(int position, String image, String reason) {
    }

    /**
     * The loaded batch: {@code images[i]} is the CHW input of source i, or null when it failed (see
     * {@link #failures()}).
     */
    public record Batch(float[][] images, List<Failure> failures) {
        public boolean allLoaded() {
            return failures.isEmpty();
        }

        /** The loaded images only, in order, skipping failed slots. */
        public float[][] loaded() {
            return java.util.Arrays.stream(images).filter(Objects::nonNull).toArray(float[][]::new);
        }
    }

    private final DatasetRoot root;
    private final ImagePreprocessor preprocessor;

    /**
     * @param root         the dataset root references resolve under, or null when only absolute paths are loaded
     * @param preprocessor how images become network input
     */
    public ImageBatchLoader(DatasetRoot root, ImagePreprocessor preprocessor) {
        this.root = root;
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /**
     * Loads {@code sources}; random preprocessing for source i draws from {@code Seeds.derive(seed, coordinates..., i)}.
     */
    public Batch load(List<Source> sources, boolean mirrored, long seed, long... coordinates) {
        float[][] images = new float[sources.size()][];
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        IntStream.range(0, sources.size()).parallel().forEach(i -> {
            Source source = sources.get(i);
            try {
                RgbImage image = decode(source);
                SplittableRandom random = preprocessor.options().isRandom()
                        ? new SplittableRandom(Seeds.derive(seed, append(coordinates, i))) : null;
                images[i] = mirrored ? preprocessor.processMirrored(image, random) : preprocessor.process(image, random);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                failures.add(new Failure(i, source.name(), reason(e)));
            }
        });
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(java.util.Comparator.comparingInt(Failure::position));
        return new Batch(images, List.copyOf(sorted));
    }

    /** Loads {@code sources}, failing on the first image that cannot be used (for evaluation sets). */
    public float[][] loadAll(List<Source> sources, boolean mirrored, long seed, long... coordinates) throws IOException {
        Batch batch = load(sources, mirrored, seed, coordinates);
        if (!batch.allLoaded()) {
            Failure first = batch.failures().get(0);
            throw new IOException(batch.failures().size() + " of " + sources.size() + " images could not be loaded; first: "
                    + first.image() + ": " + first.reason());
        }
        return batch.images();
    }

    private RgbImage decode(Source source) throws IOException {
        Path file;
        if (source.reference() != null) {
            if (root == null) {
                throw new IllegalArgumentException("image reference '" + source.reference() + "' needs a dataset root");
            }
            file = root.resolve(source.reference());
        } else {
            file = source.path();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no such image file " + file, e);
        }
        if (source.expectedSha256() != null && !source.expectedSha256().isEmpty()) {
            String actual = ContentHash.sha256(bytes);
            if (!actual.equalsIgnoreCase(source.expectedSha256())) {
                throw new IOException("content of " + source.name() + " changed: sha256 is " + actual + ", the record says "
                        + source.expectedSha256());
            }
        }
        return ImageDecoder.decode(bytes, file.toString());
    }

    private static long[] append(long[] coordinates, long last) {
        long[] out = java.util.Arrays.copyOf(coordinates, coordinates.length + 1);
        out[coordinates.length] = last;
        return out;
    }

    private static String reason(Exception e) {
        return ImageDecoder.describe(e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e);
    }
}
