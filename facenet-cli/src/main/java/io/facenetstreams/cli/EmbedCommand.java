package io.facenetstreams.cli;

import io.facenetstreams.core.export.NpyWriter;
import io.facenetstreams.core.inference.ImageEmbedder;
import io.facenetstreams.core.inference.ImageEmbeddingsCsv;
import io.facenetstreams.core.inference.ImageFile;
import io.facenetstreams.core.inference.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./facenet embed}: one embedding per image file, computed with a trained model, as CSV or NPY. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embed face images with a trained model (inference mode, the model's image size and standardisation).",
            "",
            "A folder means every image file under it (png, jpg, jpeg), recursively, sorted by path; each"
                    + " row is named by the path relative to the folder (a file: the path as given).",
            "csv: a header 'path,e0,...', then 'path,values...' per image. npy: an NPY v1.0 float32 array (n, d)"
                    + " plus NAME.paths.txt beside it listing the paths in row order.",
            "Images that cannot be decoded are reported on stderr with the reason and skipped; progress goes to"
                    + " stderr too."
        })
public final class EmbedCommand implements Callable<Integer> {

    @Mixin
    TrainedModelOptions model;

    @Option(names = "--images", paramLabel = "DIR_OR_FILE", required = true, split = ",", arity = "1..*",
            description = "Folders and/or image files (several values, or comma-separated).")
    List<Path> images;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the embeddings.")
    Path out;

    @Option(names = "--format", paramLabel = "csv|npy", defaultValue = "csv",
            description = "csv or npy (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "90",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("npy")) {
            throw new IllegalArgumentException("--format must be csv or npy, got '" + format + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<ImageFile> files = ImageFiles.resolve(images);
        Path checkpoint = model.checkpoint();
        try (ImageEmbedder embedder = model.open(batchSize)) {
            err.printf(Locale.ROOT, "Embedding %d images with %s (%s, %d px, %d-d, standardisation %s: %s)%n", files.size(),
                    checkpoint, embedder.model().architecture().cliName(), embedder.model().imageSize(),
                    embedder.model().embeddingSize(), embedder.standardisation().cliName(), embedder.standardisationSource());
            ImageEmbedder.Result result = embedder.embed(files, new StderrProgress(err));
            if (result.rows() == 0) {
                throw new IOException("none of the " + files.size() + " images could be embedded; nothing written to " + out);
            }
            if (kind.equals("csv")) {
                ImageEmbeddingsCsv.write(out, result.labels(), result.embeddings());
            } else {
                NpyWriter.write(out, result.embeddings());
                Files.write(pathsFile(out), result.labels(), StandardCharsets.UTF_8);
            }
            err.printf(Locale.ROOT, "Wrote %d embeddings to %s%s%s%n", result.rows(), out,
                    kind.equals("npy") ? " (paths in " + pathsFile(out) + ")" : "",
                    result.failures().isEmpty() ? "" : "; skipped " + result.failures().size() + " images");
            err.flush();
            return 0;
        }
    }

    /** The row names of an NPY file, beside it: {@code NAME.npy} gets {@code NAME.paths.txt}. */
    static Path pathsFile(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".paths.txt");
    }

    /** Failures as they happen, progress about every 10 seconds and at the end. */
    static final class StderrProgress implements ImageEmbedder.Listener {
        private final PrintWriter err;
        private final long started = System.nanoTime();
        private long lastReport = started;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onFailure(ImageEmbedder.Failure failure) {
            err.println("Skipped " + failure.image() + ": " + failure.reason());
            err.flush();
        }

        @Override
        public void onProgress(int done, int total) {
            long now = System.nanoTime();
            if (done == total || now - lastReport > 10_000_000_000L) {
                lastReport = now;
                double seconds = (now - started) / 1e9;
                err.printf(Locale.ROOT, "%d/%d images (%.1f s, %.1f images/s)%n", done, total, seconds,
                        seconds > 0 ? done / seconds : 0);
                err.flush();
            }
        }
    }
}
