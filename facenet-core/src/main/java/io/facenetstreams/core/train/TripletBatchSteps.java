package io.facenetstreams.core.train;

import io.facenetstreams.core.image.ImageBatchLoader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongToDoubleFunction;

/**
 * The reference's inner training loop over the triplets of one people-batch: the triplets' images, in
 * (anchor, positive, negative, ...) order, are cut into steps of {@code batch_size} images (the last step
 * may be smaller), each step loads its images and runs one {@link TripletTrainer#step}. A triplet with an
 * image that cannot be loaded is left out of its step and reported; a step left with no triplet is
 * skipped. The sequential baseline and the trainer service both train through here, by way of
 * the train stage (core.stage).
 */
public final class TripletBatchSteps {

    /** Called after each step; returning false stops the loop (e.g. a step budget reached). */
    @FunctionalInterface
    public interface StepListener {
        boolean onStep(StepReport report);
    }

    /**
     * What one step did. {@code result} is null when every triplet of the step was dropped; a result that is
     * not {@link StepResult#applied() applied} was rejected for a non-finite loss or gradient.
     */
    public record StepReport(int stepIndex, int stepCount, StepResult result, List<ImageBatchLoader.Failure> failures,
                             int droppedTriplets) {
        public boolean trained() {
            return result != null && result.applied();
        }

        public boolean lastStep() {
            return stepIndex == stepCount - 1;
        }
    }

    /** How the loop ended. */
    public record Outcome(int stepsTrained, int stepCount, int droppedTriplets, boolean stopped) {
    }

    private TripletBatchSteps() {
    }

    /** Steps the reference takes for {@code triplets} triplets: {@code ceil(3 * triplets / batchSize)}. */
    public static int stepCount(int triplets, int batchSize) {
        if (batchSize < 3 || batchSize % 3 != 0) {
            throw new IllegalArgumentException("batch_size must be a positive multiple of 3 (whole triplets), got " + batchSize);
        }
        return (int) ((3L * triplets + batchSize - 1) / batchSize);
    }

    /**
     * Trains on {@code tripletImages} (3 sources per triplet, a/p/n) from step {@code firstStep} on (a
     * resumed trainer skips the steps it already trained).
     *
     * @param learningRate the rate for the trainer's current global step
     * @param alpha        the loss's margin: the one the triplets were mined with
     * @param seed         with {@code batchKey} and the step index, decides random crops and flips
     */
    public static Outcome train(TripletTrainer trainer, ImageBatchLoader loader, List<ImageBatchLoader.Source> tripletImages,
                                int firstStep, LongToDoubleFunction learningRate, double alpha, long seed, long batchKey,
                                StepListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (tripletImages.size() % 3 != 0) {
            throw new IllegalArgumentException("triplet images come in threes (anchor, positive, negative), got "
                    + tripletImages.size());
        }
        int batchSize = trainer.options().batchSize();
        int steps = stepCount(tripletImages.size() / 3, batchSize);
        if (firstStep < 0 || firstStep > steps) {
            throw new IllegalArgumentException("first step " + firstStep + " is outside 0.." + steps);
        }
        int trained = 0;
        int dropped = 0;
        for (int step = firstStep; step < steps; step++) {
            int from = step * batchSize;
            int to = Math.min(from + batchSize, tripletImages.size());
            ImageBatchLoader.Batch batch = loader.load(tripletImages.subList(from, to), false, seed, batchKey, step);
            Set<Integer> badTriplets = new HashSet<>();
            for (ImageBatchLoader.Failure f : batch.failures()) {
                badTriplets.add(f.position() / 3);
            }
            List<float[]> images = new ArrayList<>(to - from);
            for (int t = 0; t < (to - from) / 3; t++) {
                if (!badTriplets.contains(t)) {
                    images.add(batch.images()[3 * t]);
                    images.add(batch.images()[3 * t + 1]);
                    images.add(batch.images()[3 * t + 2]);
                }
            }
            dropped += badTriplets.size();
            StepResult result = null;
            if (!images.isEmpty()) {
                result = trainer.step(images.toArray(float[][]::new), learningRate.applyAsDouble(trainer.globalStep()), alpha);
                if (result.applied()) {
                    trained++;
                }
            }
            boolean goOn = listener.onStep(new StepReport(step, steps, result, batch.failures(), badTriplets.size()));
            if (!goOn && step < steps - 1) {
                return new Outcome(trained, steps, dropped, true);
            }
        }
        return new Outcome(trained, steps, dropped, false);
    }
}
