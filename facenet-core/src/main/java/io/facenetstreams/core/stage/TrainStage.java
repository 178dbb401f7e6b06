package io.facenetstreams.core.stage;

import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.train.TripletBatchSteps;
import io.facenetstreams.core.train.TripletTrainer;

import java.util.Objects;
import java.util.function.LongToDoubleFunction;

/**
 * The train stage: the triplets of one mined batch (or one part of it), loaded with the batch's
 * preprocessing and trained on in steps of {@code batch_size} images ({@link TripletBatchSteps}), the
 * loss with the margin the triplets were mined with. The trainer service trains each triplet record here,
 * the sequential baseline each mined batch.
 */
public final class TrainStage {

    private final DatasetRoot root;

    /** @param root the dataset root image references resolve under */
    public TrainStage(DatasetRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The draws' key for a whole people-batch's triplets (the sequential baseline). */
    public static long batchKey(long sequence) {
        return Seeds.derive(Seeds.TRAIN_STREAM, sequence);
    }

    /** The draws' key for part {@code part} of a people-batch's triplet records (the trainer service). */
    public static long partKey(long sequence, int part) {
        return Seeds.derive(Seeds.TRAIN_STREAM, sequence, part);
    }

    /**
     * Trains on {@code triplets} from step {@code firstStep} on (a resumed trainer skips the steps it already
     * trained); {@code listener} hears of every step and may stop the loop.
     *
     * @param preprocessing the batch's preprocessing, at the trainer's image size
     * @param alpha         the loss's margin: the one the triplets were mined with
     * @param learningRate  the rate for the trainer's current global step
     * @param seed          with {@code batchKey} and the step index, decides random crops and flips
     */
    public TripletBatchSteps.Outcome train(TripletTrainer trainer, TripletImages triplets, PreprocessingOptions preprocessing,
                                              double alpha, LongToDoubleFunction learningRate, long seed, long batchKey,
                                              int firstStep, TripletBatchSteps.StepListener listener) {
        ImageBatchLoader loader = new ImageBatchLoader(root, new ImagePreprocessor(preprocessing));
        return TripletBatchSteps.train(trainer, loader, triplets.sources(), firstStep, learningRate, alpha, seed, batchKey,
                listener);
    }
}
