package io.facenetstreams.cli;

import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GenerationSummary;
import io.facenetstreams.core.synth.GeneratorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./facenet generate-faces}: writes a synthetic identity dataset plus LFW-style pairs. */
@Command(name = "generate-faces", mixinStandardHelpOptions = true,
        description = {"Generate synthetic face identities: train/, lfw/ and pairs.txt.", "",
            "Generate synthetic face-like identities: DIR/train/<identity>/<identity>_%%04d.png for training,",
            "DIR/lfw/... for disjoint evaluation identities, DIR/pairs.txt (LFW format) and DIR/generation.json.",
            "The output depends only on the options (not on --threads)."})
final class GenerateFacesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (must be empty or missing).")
    Path out;

    @Option(names = "--identities", paramLabel = "N", description = "Training identities (default: ${DEFAULT-VALUE}).")
    int identities = GeneratorOptions.DEFAULT_IDENTITIES;

    @Option(names = "--images-per-identity", paramLabel = "M", description = "Images per identity (default: ${DEFAULT-VALUE}).")
    int imagesPerIdentity = GeneratorOptions.DEFAULT_IMAGES_PER_IDENTITY;

    @Option(names = "--lfw-identities", paramLabel = "K",
            description = "Evaluation identities, disjoint from training; 0 = no lfw/ and no pairs (default: ${DEFAULT-VALUE}).")
    int lfwIdentities = GeneratorOptions.DEFAULT_LFW_IDENTITIES;

    @Option(names = "--folds", paramLabel = "F", description = "Folds of pairs.txt (default: ${DEFAULT-VALUE}).")
    int folds = GeneratorOptions.DEFAULT_FOLDS;

    @Option(names = "--pairs", paramLabel = "P",
            description = "Same pairs, and different pairs, per fold (default: ${DEFAULT-VALUE}).")
    int pairs = GeneratorOptions.DEFAULT_PAIRS_PER_HALF;

    @Option(names = "--image-size", paramLabel = "S", description = "Image width and height in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize = GeneratorOptions.DEFAULT_IMAGE_SIZE;

    @Option(names = "--seed", paramLabel = "X", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = GeneratorOptions.DEFAULT_SEED;

    @Option(names = "--nuisance", paramLabel = "x",
            description = "Per-image variation strength in [0, 1]: pose, lighting, background, occlusion, blur, noise, JPEG"
                    + " (default: ${DEFAULT-VALUE}).")
    double nuisance = GeneratorOptions.DEFAULT_NUISANCE;

    @Option(names = "--threads", paramLabel = "T", description = "Rendering threads (default: all cores).")
    Integer threads;

    @Option(names = "--force", description = "Write into a non-empty DIR, replacing its train/, lfw/, pairs.txt and generation.json.")
    boolean force;

    @Option(names = "--if-missing",
            description = "Do nothing when DIR already holds a complete generated set (its generation.json); for init containers.")
    boolean ifMissing;

    @Override
    public Integer call() throws Exception {
        if (ifMissing && FaceDatasetGenerator.isComplete(out)) {
            spec.commandLine().getOut().println("generate-faces: " + out + " already holds a generated set; nothing to do");
            return 0;
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        GeneratorOptions options = new GeneratorOptions(identities, imagesPerIdentity, lfwIdentities, folds, pairs,
                imageSize, seed, nuisance, t);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        GenerationSummary s = new FaceDatasetGenerator(options).generate(out, force, (done, total) -> {
            err.printf(Locale.ROOT, "generate-faces: %d/%d images (%d%%)%n", done, total, Math.round(100.0 * done / total));
            err.flush();
        });
        double seconds = s.elapsed().toNanos() / 1e9;
        stdout.printf(Locale.ROOT, "wrote %d images (%d training + %d LFW identities x %d) in %.1f s (%.0f images/s, %d threads)%n",
                s.images(), s.trainIdentities(), s.lfwIdentities(), imagesPerIdentity, seconds, s.images() / seconds, t);
        stdout.printf("train: %s%n", s.trainDir());
        if (s.pairsFile() != null) {
            stdout.printf("lfw:   %s%n", s.lfwDir());
            stdout.printf("pairs: %s (%d folds x 2 x %d = %d pairs)%n", s.pairsFile(), folds, pairs, s.pairs());
        }
        stdout.flush();
        return 0;
    }
}
