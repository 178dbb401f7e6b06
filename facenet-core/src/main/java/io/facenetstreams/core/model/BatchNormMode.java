package io.facenetstreams.core.model;

/** How batch norm (and dropout) behave while embedding. */
public enum BatchNormMode {
    /**
     * Batch statistics, dropout active, and the moving averages updated in place: what TF does with
     * facenet's {@code phase_train=True} (the reference's embedding pass for triplet selection).
     */
    TRAINING,
    /** Moving statistics, no dropout, no state changed: facenet's {@code phase_train=False} (evaluation). */
    INFERENCE;

    boolean training() {
        return this == TRAINING;
    }
}
