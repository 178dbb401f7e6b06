package io.facenetstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.inference.DistanceMatrix;
import io.facenetstreams.core.inference.ImageEmbedder;
import io.facenetstreams.core.inference.ImageFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./facenet compare}: facenet's {@code compare.py}, the Euclidean distances between a few faces. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Print the Euclidean distances between the embeddings of a few face images (facenet's compare.py).",
            "",
            "The images are embedded as 'embed' does (inference mode, the model's size and standardisation). The"
                    + " distance is sqrt(sum((a - b)^2)); the LFW evaluation thresholds its square."
        })
public final class CompareCommand implements Callable<Integer> {

    /** Images per forward pass (compare.py embeds all its images at once; these are a few). */
    private static final int BATCH_SIZE = 90;

    @Mixin
    TrainedModelOptions model;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files to compare.")
    List<Path> images;

    @Option(names = "--json", description = "Print one JSON object {images, distance_matrix} instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<ImageFile> files = new ArrayList<>();
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new NoSuchFileException(image.toString(), null, "image file not found");
            }
            files.add(new ImageFile(image, image.toString()));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ImageEmbedder embedder = model.open(BATCH_SIZE)) {
            // A few images: failures are reported, progress is not.
            ImageEmbedder.Result result = embedder.embed(files, new ImageEmbedder.Listener() {
                @Override
                public void onFailure(ImageEmbedder.Failure failure) {
                    err.println("Skipped " + failure.image() + ": " + failure.reason());
                    err.flush();
                }
            });
            if (result.rows() == 0) {
                throw new IOException("none of the " + files.size() + " images could be embedded");
            }
            DistanceMatrix matrix = DistanceMatrix.of(result.embeddings());
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("images", result.labels());
                fields.put("distance_matrix", matrix.toArray());
                out.println(new ObjectMapper().writeValueAsString(fields));
            } else {
                matrix.compareLines(result.labels()).forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }
}
