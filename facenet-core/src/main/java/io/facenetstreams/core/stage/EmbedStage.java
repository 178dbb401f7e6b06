package io.facenetstreams.core.stage;

import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.FiniteEmbedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embed stage: loads the images of a people-batch (or of one chunk of it) with the batch's
 * preprocessing and embeds them with the model the batch is pinned to, through {@link FiniteEmbedding}. An
 * image that cannot be read, or whose vector stays non-finite, is left out and reported with its reason; the
 * others are embedded all the same. The embedder service embeds each chunk here, the sequential baseline
 * each whole batch.
 */
public final class EmbedStage {

    /**
     * What came out, by position in the request: {@code rows[i]} is image i's vector, or null when it failed
     * ({@code unreadable} or {@code nonFinite} says why; positions are the request's).
     */
    public record Result(float[][] rows, List<ImageBatchLoader.Failure> unreadable,
                         List<ImageBatchLoader.Failure> nonFinite, boolean retried) {

        public Result {
            unreadable = List.copyOf(unreadable);
            nonFinite = List.copyOf(nonFinite);
        }

        /** Every failure: the unreadable images first, then those with a non-finite vector. */
        public List<ImageBatchLoader.Failure> failures() {
            List<ImageBatchLoader.Failure> all = new ArrayList<>(unreadable);
            all.addAll(nonFinite);
            return all;
        }

        /** Images embedded (with a finite vector). */
        public int embedded() {
            return rows.length - unreadable.size() - nonFinite.size();
        }
    }

    private final DatasetRoot root;

    /** @param root the dataset root image references resolve under */
    public EmbedStage(DatasetRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The draws for a whole people-batch embedded at once (the sequential baseline). */
    public static RandomKey batchKey(long seed, long sequence) {
        return RandomKey.of(seed, Seeds.EMBED_STREAM, sequence);
    }

    /** The draws for chunk {@code chunkIndex} of a people-batch (the embedder service). */
    public static RandomKey chunkKey(long seed, long sequence, int chunkIndex) {
        return RandomKey.of(seed, Seeds.EMBED_STREAM, sequence, chunkIndex);
    }

    /**
     * Loads and embeds {@code images}.
     *
     * @param preprocessing the batch's preprocessing, at the model's image size
     * @param mode          batch norm as the batch asks (the reference embeds in training mode)
     * @param batchSize     images per forward pass
     * @param key           where random crops and flips are drawn from
     */
    public Result embed(List<ImageBatchLoader.Source> images, PreprocessingOptions preprocessing, EmbeddingModel model,
                        BatchNormMode mode, int batchSize, RandomKey key) {
        ImageBatchLoader loader = new ImageBatchLoader(root, new ImagePreprocessor(preprocessing));
        ImageBatchLoader.Batch batch = loader.load(images, false, key.seed(), key.coordinates());
        float[][] loaded = batch.loaded();
        // Nothing to embed when every image failed: a forward pass over no image is not defined.
        FiniteEmbedding.Result embedded = loaded.length == 0 ? new FiniteEmbedding.Result(new float[0][], List.of(), false)
                : FiniteEmbedding.embed(loaded, group -> model.embed(group, mode, false, batchSize));
        float[][] rows = new float[images.size()][];
        List<ImageBatchLoader.Failure> nonFinite = new ArrayList<>();
        for (int i = 0, k = 0; i < images.size(); i++) {
            if (batch.images()[i] == null) {
                continue;
            }
            rows[i] = embedded.rows()[k++];
            if (rows[i] == null) {
                nonFinite.add(new ImageBatchLoader.Failure(i, name(images.get(i)), FiniteEmbedding.Result.REASON));
            }
        }
        return new Result(rows, batch.failures(), nonFinite, embedded.retried());
    }

    private static String name(ImageBatchLoader.Source source) {
        return source.reference() != null ? source.reference() : source.path().toString();
    }
}
