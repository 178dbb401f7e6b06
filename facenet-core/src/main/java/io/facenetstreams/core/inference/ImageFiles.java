package io.facenetstreams.core.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what the user named (folders and files) into the images to embed: a folder means every image file
 * under it, recursively, sorted by relative path (so that the rows have the same order on every machine); a
 * file is taken as given, in the order given, whatever its extension.
 */
public final class ImageFiles {

    /** The extensions (lower case) of the files a folder contributes: what the image decoder reads. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

    private ImageFiles() {}

    /**
     * @throws NoSuchFileException when a named path does not exist
     * @throws IOException when a folder holds no image file, or nothing was named
     */
    public static List<ImageFile> resolve(List<Path> named) throws IOException {
        if (named.isEmpty()) {
            throw new IOException("no images given");
        }
        List<ImageFile> files = new ArrayList<>();
        for (Path path : named) {
            if (Files.isDirectory(path)) {
                List<ImageFile> found = underFolder(path);
                if (found.isEmpty()) {
                    throw new IOException("no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                            + ") under " + path);
                }
                files.addAll(found);
            } else if (Files.exists(path)) {
                files.add(new ImageFile(path, path.toString()));
            } else {
                throw new NoSuchFileException(path.toString(), null, "image file or folder not found");
            }
        }
        return files;
    }

    /** Every image file under {@code folder}, recursively, labelled with its '/'-separated relative path, sorted by it. */
    public static List<ImageFile> underFolder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ImageFiles::isImage)
                    .map(p -> new ImageFile(p, relativeLabel(folder, p)))
                    .sorted(Comparator.comparing(ImageFile::label))
                    .toList();
        }
    }

    /** The '/'-separated path of {@code file} relative to {@code folder}: a row's name for an image found under it. */
    public static String relativeLabel(Path folder, Path file) {
        Path relative = folder.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
