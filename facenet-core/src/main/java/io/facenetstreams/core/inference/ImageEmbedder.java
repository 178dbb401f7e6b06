package io.facenetstreams.core.inference;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Embeds image files with a trained model as facenet's {@code compare.py} and {@code validate_on_lfw.py} do:
 * inference mode (moving batch-norm statistics, no dropout), each image cropped or padded to the model's size
 * and standardised as the model was trained. Images are decoded and embedded a batch at a time, so memory does
 * not grow with the number of files; an image that cannot be used is reported with the reason and skipped.
 */
public final class ImageEmbedder implements AutoCloseable {

    /** Hears about each unusable image and about progress (after each batch). */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void onFailure(Failure failure) {}

        default void onProgress(int done, int total) {}
    }

    /** An image that was skipped, and why. */
    public record Failure(String image, String reason) {}

    /** The rows of the images that could be embedded, in the order asked for, and the images skipped. */
    public record Result(List<String> labels, float[][] embeddings, List<Failure> failures) {
        public Result {
            labels = List.copyOf(labels);
            failures = List.copyOf(failures);
        }

        public int rows() {
            return labels.size();
        }
    }

    private final EmbeddingModel model;
    private final boolean ownsModel;
    private final Standardisation standardisation;
    private final String standardisationSource;
    private final int batchSize;
    private final ImageBatchLoader loader;

    private ImageEmbedder(EmbeddingModel model, boolean ownsModel, Standardisation standardisation,
            String standardisationSource, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.ownsModel = ownsModel;
        this.standardisation = Objects.requireNonNull(standardisation, "standardisation");
        this.standardisationSource = standardisationSource;
        this.batchSize = batchSize;
        this.loader = new ImageBatchLoader(null,
                new ImagePreprocessor(PreprocessingOptions.inference(model.imageSize(), standardisation)));
    }

    /**
     * Loads a checkpoint to embed with. The standardisation is {@code override} when not null, else the one
     * the checkpoint records, else per-image (the trainer's default, for checkpoints that record none).
     */
    public static ImageEmbedder open(Path checkpoint, Standardisation override, int batchSize) throws IOException {
        CheckpointInfo info = CheckpointStore.readInfo(checkpoint);
        Standardisation standardisation;
        String source;
        if (override != null) {
            standardisation = override;
            source = "given";
        } else if (info.standardisation().isPresent()) {
            standardisation = info.standardisation().get();
            source = "recorded in the checkpoint";
        } else {
            standardisation = Standardisation.PER_IMAGE;
            source = "not recorded in the checkpoint: the trainer's default";
        }
        EmbeddingModel model = CheckpointStore.load(checkpoint, info.sha256());
        return new ImageEmbedder(model, true, standardisation, source, batchSize);
    }

    /** Embeds with a model the caller keeps (and closes). */
    public static ImageEmbedder of(EmbeddingModel model, Standardisation standardisation, int batchSize) {
        return new ImageEmbedder(model, false, standardisation, "given", batchSize);
    }

    /** Embeds the images, skipping (and reporting) those that cannot be decoded. */
    public Result embed(List<ImageFile> images, Listener listener) {
        List<String> labels = new ArrayList<>(images.size());
        List<float[]> rows = new ArrayList<>(images.size());
        List<Failure> failures = new ArrayList<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            List<ImageFile> chunk = images.subList(start, Math.min(images.size(), start + batchSize));
            ImageBatchLoader.Batch batch = loader.load(
                    chunk.stream().map(f -> ImageBatchLoader.Source.path(f.file())).toList(), false, 0L);
            for (ImageBatchLoader.Failure f : batch.failures()) {
                Failure failure = new Failure(chunk.get(f.position()).label(), f.reason());
                failures.add(failure);
                listener.onFailure(failure);
            }
            float[][] embedded = model.embed(batch.loaded(), BatchNormMode.INFERENCE, false, batchSize);
            int next = 0;
            for (int i = 0; i < chunk.size(); i++) {
                if (batch.images()[i] != null) {
                    labels.add(chunk.get(i).label());
                    rows.add(embedded[next++]);
                }
            }
            listener.onProgress(start + chunk.size(), images.size());
        }
        return new Result(labels, rows.toArray(float[][]::new), failures);
    }

    /** The network input of each image (CHW, standardised), as {@link #embed} feeds it; any unusable image is an error. */
    public float[][] preprocess(List<ImageFile> images) throws IOException {
        return loader.loadAll(images.stream().map(f -> ImageBatchLoader.Source.path(f.file())).toList(), false, 0L);
    }

    public EmbeddingModel model() {
        return model;
    }

    public Standardisation standardisation() {
        return standardisation;
    }

    /** Where the standardisation came from, for the user: given, recorded in the checkpoint, or a default. */
    public String standardisationSource() {
        return standardisationSource;
    }

    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
