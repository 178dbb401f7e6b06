package io.facenetstreams.core.baseline;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.eval.LfwValidation;

import java.util.List;

/** What the sequential baseline reports as it goes; the CLI prints it the way the reference does. */
public interface SequentialListener {

    /** The forward pass over a people-batch's images (the reference's "Running forward pass on sampled images"). */
    default void onForwardPass(long sequence, int images, int failed, double seconds) {
    }

    /** Triplet selection for a people-batch (the reference's "(nrof_random_negs, nrof_triplets) = ..."). */
    default void onSelection(long sequence, long pairsConsidered, int triplets, double seconds, String note) {
    }

    /** One training step (the reference's "Epoch: [e][b/epoch_size]\tTime t\tLoss l"). */
    default void onStep(int epoch, int batchNumber, int epochSize, StepResult result) {
    }

    /** A step whose loss or gradient was not finite: it was not applied (see {@link StepResult#rejected()}). */
    default void onRejectedStep(StepResult result) {
    }

    /** Images that could not be loaded or embedded; they were left out. */
    default void onImageFailures(List<ImageBatchLoader.Failure> failures) {
    }

    default void onCheckpoint(CheckpointInfo checkpoint) {
    }

    /** An LFW evaluation of the model at {@code step}. */
    default void onEvaluation(long step, int epoch, LfwValidation.Result result) {
    }
}
