package io.facenetstreams.core.train;

/**
 * Too many training steps in a row had a non-finite loss or gradient: the trainer stops rather than go on
 * with a model that cannot learn (the model itself is unchanged by the rejected steps).
 */
public final class TrainingDivergedException extends IllegalStateException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
