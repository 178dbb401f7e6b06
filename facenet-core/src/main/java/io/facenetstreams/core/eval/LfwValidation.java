package io.facenetstreams.core.eval;

import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.MissingImagePolicy;
import io.facenetstreams.core.data.Pair;
import io.facenetstreams.core.data.ResolvedPairs;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The LFW protocol run on a model, as facenet's {@code validate_on_lfw} and the reference's {@code evaluate}: read
 * the pairs, embed their images in inference mode (optionally concatenated with the mirror image's
 * embedding), and compute the metrics with {@link LfwEvaluator}. Each distinct image is embedded once;
 * preprocessed images are kept between evaluations when they fit in {@link #CACHE_LIMIT_BYTES}, so that
 * evaluating checkpoint after checkpoint does not decode the same files again.
 */
public final class LfwValidation {

    /** Preprocessed images are cached below this size (the synthetic set is ~100 MB; real LFW at 160 px is not). */
    public static final long CACHE_LIMIT_BYTES = 512L << 20;

    /** How to evaluate. */
    public record Options(int folds, DistanceMetric metric, boolean subtractMean, boolean flipped,
                          Standardisation standardisation, int batchSize, MissingImagePolicy missingImages) {
        public Options {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(standardisation, "standardisation");
            Objects.requireNonNull(missingImages, "missingImages");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
        }

        /** facenet's defaults: 10 folds, squared L2, no mean subtraction, no flips, per-image standardisation. */
        public static Options defaults() {
            return new Options(EvaluationOptions.DEFAULT_FOLDS, DistanceMetric.SQUARED_EUCLIDEAN, false, false,
                    Standardisation.PER_IMAGE, 90, MissingImagePolicy.FAIL);
        }

        public Options withFolds(int f) {
            return new Options(f, metric, subtractMean, flipped, standardisation, batchSize, missingImages);
        }

        public Options withFlipped(boolean f) {
            return new Options(folds, metric, subtractMean, f, standardisation, batchSize, missingImages);
        }

        EvaluationOptions evaluationOptions() {
            return new EvaluationOptions(folds, metric, subtractMean);
        }
    }

    /** One evaluation's metrics, with the pairs used and skipped and how long it took. */
    public record Result(LfwEvaluation evaluation, int pairs, int skippedPairs, long millis) {
    }

    private final Options options;
    private final List<Pair> pairs;
    private final int skipped;
    private final List<Path> images;
    private final int[] left;
    private final int[] right;
    private final boolean[] same;
    private final Map<Integer, float[][]> cacheByImageSize = new HashMap<>();

    private LfwValidation(Options options, ResolvedPairs resolved) {
        this.options = options;
        this.pairs = resolved.pairs();
        this.skipped = resolved.skipped();
        Map<Path, Integer> index = new LinkedHashMap<>();
        left = new int[pairs.size()];
        right = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            left[i] = index.computeIfAbsent(pairs.get(i).leftPath(), p -> index.size());
            right[i] = index.computeIfAbsent(pairs.get(i).rightPath(), p -> index.size());
        }
        this.images = new ArrayList<>(index.keySet());
        this.same = resolved.actualIsSame();
    }

    /** Reads {@code pairsFile} and resolves its images under {@code lfwDir}; clear errors for bad lines and missing images. */
    public static LfwValidation prepare(Path lfwDir, Path pairsFile, Options options) throws IOException {
        LfwPairs parsed = LfwPairs.read(pairsFile);
        return new LfwValidation(options, LfwPairs.resolve(lfwDir, parsed, options.missingImages()));
    }

    public int pairs() {
        return pairs.size();
    }

    public int distinctImages() {
        return images.size();
    }

    /** Embeds the pairs' images with {@code model} (inference mode) and evaluates. */
    public Result evaluate(EmbeddingModel model) throws IOException {
        long t0 = System.nanoTime();
        float[][] inputs = inputs(model.imageSize());
        return evaluate(model.embed(inputs, BatchNormMode.INFERENCE, options.flipped(), options.batchSize()), t0);
    }

    /**
     * The baseline without a network: each image's standardised pixels at {@code imageSize}, scaled to unit
     * length (per-image standardisation gives them length sqrt(N)), so that squared distances lie in [0, 4]
     * like those of L2-normalised embeddings and the threshold grid fits.
     */
    public Result evaluateRawPixels(int imageSize) throws IOException {
        long t0 = System.nanoTime();
        float[][] inputs = inputs(imageSize);
        float[][] vectors = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            double norm = 0;
            for (float v : inputs[i]) {
                norm += (double) v * v;
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            vectors[i] = new float[inputs[i].length];
            for (int k = 0; k < inputs[i].length; k++) {
                vectors[i][k] = inputs[i][k] * scale;
            }
        }
        return evaluate(vectors, t0);
    }

    private Result evaluate(float[][] embeddings, long t0) {
        // Each image once in double precision; pairs share its row (the evaluator only reads them).
        double[][] wide = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            wide[i] = widen(embeddings[i]);
        }
        double[][] e1 = new double[pairs.size()][];
        double[][] e2 = new double[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            e1[i] = wide[left[i]];
            e2[i] = wide[right[i]];
        }
        LfwEvaluation evaluation = new LfwEvaluator().evaluate(e1, e2, same, options.evaluationOptions());
        return new Result(evaluation, pairs.size(), skipped, (System.nanoTime() - t0) / 1_000_000);
    }

    private synchronized float[][] inputs(int imageSize) throws IOException {
        float[][] cached = cacheByImageSize.get(imageSize);
        if (cached != null) {
            return cached;
        }
        PreprocessingOptions preprocessing = PreprocessingOptions.inference(imageSize, options.standardisation());
        ImageBatchLoader loader = new ImageBatchLoader(null, new ImagePreprocessor(preprocessing));
        float[][] loaded = loader.loadAll(images.stream().map(ImageBatchLoader.Source::path).toList(), false, 0L);
        if ((long) images.size() * 3L * imageSize * imageSize * Float.BYTES <= CACHE_LIMIT_BYTES) {
            cacheByImageSize.put(imageSize, loaded);
        }
        return loaded;
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
