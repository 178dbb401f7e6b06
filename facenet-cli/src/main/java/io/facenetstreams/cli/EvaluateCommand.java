package io.facenetstreams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.data.MissingImagePolicy;
import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.eval.DistanceMetric;
import io.facenetstreams.core.eval.EvaluationOptions;
import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.eval.LfwEvaluator;
import io.facenetstreams.core.eval.PairEmbeddings;
import io.facenetstreams.core.eval.PairEmbeddingsCsv;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.eval.LfwValidation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./facenet evaluate}: LFW-protocol metrics (facenet's {@code validate_on_lfw.py}) of pair embeddings.
 * The embeddings come from one {@link Source}; today a pair-embeddings CSV. A mode that embeds LFW images with a
 * checkpoint belongs in {@link Source} as a second, exclusive option group, feeding {@link #pairEmbeddings()}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate face embeddings with the LFW protocol (accuracy, VAL@FAR, AUC, EER).",
            "",
            "Evaluates face embeddings with the LFW protocol, exactly as facenet's lfw.evaluate: accuracy over k"
                    + " folds, validation rate at FAR 1e-3, AUC and EER of the mean ROC.",
            "Pair-embeddings CSV: one row per pair, 'issame(0|1), emb1 values..., emb2 values...'; an optional"
                    + " header line. Pairs are cut into contiguous folds in file order, so keep the pairs.txt order"
                    + " (every fold needs same and different pairs)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    /** Where the embeddings come from: exactly one. */
    static final class Source {
        @Option(names = "--pair-embeddings", paramLabel = "FILE.csv", required = true,
                description = "CSV of pair embeddings: issame(0|1), emb1 values..., emb2 values...")
        Path pairEmbeddings;

        @ArgGroup(exclusive = false)
        CheckpointSource checkpoint;
    }

    /** A checkpoint (or raw pixels, the baseline) embeds the images of an LFW-style folder and its pairs file. */
    static final class CheckpointSource {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Embedder embedder;

        @Option(names = {"--lfw-dir", "--lfw_dir"}, paramLabel = "DIR", required = true,
                description = "Folder of aligned images, DIR/name/name_%%04d.(png|jpg).")
        Path lfwDir;

        @Option(names = {"--pairs", "--lfw_pairs"}, paramLabel = "FILE", required = true,
                description = "LFW pairs.txt.")
        Path pairs;
    }

    /** What embeds the images. */
    static final class Embedder {
        @Option(names = "--checkpoint", paramLabel = "FILE.ckpt", required = true,
                description = "A checkpoint written by the trainer or train-sequential.")
        Path checkpoint;

        @Option(names = "--raw-pixels", paramLabel = "SIZE", required = true,
                description = "No network: standardised pixels at SIZE x SIZE, scaled to unit length (the baseline).")
        Integer rawPixels;
    }

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "With --checkpoint: refuse the checkpoint unless its sha256 is this.")
    String sha256;

    @Option(names = {"--flipped", "--use_flipped_images"},
            description = "With --checkpoint: concatenate each image's embedding with its mirror image's.")
    boolean flipped;

    @Option(names = {"--fixed-standardization", "--use_fixed_image_standardization"},
            description = "With --checkpoint: (x - 127.5) / 128 instead of per-image standardisation.")
    boolean fixedStandardization;

    @Option(names = "--skip-missing-images",
            description = "With --checkpoint: drop pairs whose images are missing, as facenet did (this shifts"
                    + " the folds); the default is a clear error.")
    boolean skipMissingImages;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "90",
            description = "With --checkpoint: images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "" + EvaluationOptions.DEFAULT_FOLDS,
            description = "Number of contiguous cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--distance-metric", paramLabel = "0|1", defaultValue = "0",
            description = "0: squared Euclidean distance, 1: arccos(cosine similarity)/pi (default: ${DEFAULT-VALUE}).")
    int distanceMetric;

    @Option(names = "--subtract-mean",
            description = "Subtract, per fold, the mean of the training folds' embeddings before measuring distances.")
    boolean subtractMean;

    @Option(names = "--json",
            description = "Also print the metrics as one JSON object on the last line of the output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Options first, so that a typo fails before a large file is read.
        EvaluationOptions options = new EvaluationOptions(folds, DistanceMetric.fromCode(distanceMetric), subtractMean);
        PrintWriter out = spec.commandLine().getOut();
        LfwEvaluation result;
        if (source.checkpoint != null) {
            result = evaluateCheckpoint(options, out);
        } else {
            if (sha256 != null || flipped || fixedStandardization || skipMissingImages) {
                throw new IllegalArgumentException("--sha256, --flipped, --fixed-standardization and --skip-missing-images"
                        + " apply to --checkpoint only: pair embeddings are already computed");
            }
            result = new LfwEvaluator().evaluate(pairEmbeddings(), options);
        }

        out.printf(Locale.ROOT, "Pairs: %d (%d folds), distance metric %d (%s), subtract mean: %s%n", result.pairs(),
                options.folds(), options.metric().code(), options.metric().description(),
                options.subtractMean() ? "yes" : "no");
        result.summaryLines().forEach(out::println);
        if (json) {
            out.println(json(result));
        }
        out.flush();
        return 0;
    }

    private LfwEvaluation evaluateCheckpoint(EvaluationOptions options, PrintWriter out) throws IOException {
        CheckpointSource c = source.checkpoint;
        LfwValidation.Options validation = new LfwValidation.Options(options.folds(), options.metric(),
                options.subtractMean(), flipped, Standardisation.of(fixedStandardization),
                batchSize, skipMissingImages ? MissingImagePolicy.SKIP : MissingImagePolicy.FAIL);
        LfwValidation lfw = LfwValidation.prepare(c.lfwDir, c.pairs, validation);
        if (c.embedder.rawPixels != null) {
            out.printf(Locale.ROOT, "Raw pixels at %d px of %d images of %d pairs%n", c.embedder.rawPixels, lfw.distinctImages(),
                    lfw.pairs());
            LfwValidation.Result result = lfw.evaluateRawPixels(c.embedder.rawPixels);
            out.printf(Locale.ROOT, "Evaluated in %.1f s%n", result.millis() / 1000.0);
            return result.evaluation();
        }
        CheckpointInfo info = CheckpointStore.readInfo(c.embedder.checkpoint);
        // Only a checkpoint runs a network (pair embeddings and raw pixels do not start the engine).
        EngineCheck.verify("evaluate");
        try (EmbeddingModel model = CheckpointStore.load(c.embedder.checkpoint, sha256)) {
            out.printf(Locale.ROOT, "Checkpoint: %s (version %d, epoch %d, %s, %d-d embeddings, %d px)%n", c.embedder.checkpoint,
                    info.version(), info.epoch(), info.architecture().cliName(), info.embeddingSize(), info.imageSize());
            out.printf(Locale.ROOT, "Embedding %d images of %d pairs%s...%n", lfw.distinctImages(), lfw.pairs(),
                    flipped ? " (with mirror images)" : "");
            out.flush();
            LfwValidation.Result result = lfw.evaluate(model);
            if (result.skippedPairs() > 0) {
                out.printf(Locale.ROOT, "Skipped %d pairs with missing images (folds no longer match pairs.txt)%n",
                        result.skippedPairs());
            }
            out.printf(Locale.ROOT, "Evaluated in %.1f s%n", result.millis() / 1000.0);
            return result.evaluation();
        }
    }

    private PairEmbeddings pairEmbeddings() throws IOException {
        return PairEmbeddingsCsv.read(source.pairEmbeddings);
    }

    /** One JSON object; metrics that are undefined (an EER the ROC cannot give) are {@code null}. */
    static String json(LfwEvaluation r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accuracy_mean", finiteOrNull(r.accuracyMean()));
        fields.put("accuracy_std", finiteOrNull(r.accuracyStd()));
        fields.put("val_mean", finiteOrNull(r.valMean()));
        fields.put("val_std", finiteOrNull(r.valStd()));
        fields.put("far_mean", finiteOrNull(r.farMean()));
        fields.put("auc", finiteOrNull(r.auc()));
        fields.put("eer", finiteOrNull(r.eer()));
        fields.put("threshold", finiteOrNull(r.threshold()));
        fields.put("pairs", r.pairs());
        fields.put("folds", r.options().folds());
        fields.put("distance_metric", r.options().metric().code());
        fields.put("subtract_mean", r.options().subtractMean());
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
