package io.facenetstreams.core.train;

/**
 * What one training step did: the global step after it (1 for the first step), the total loss the reference
 * prints (triplet loss + regularisation), its two parts, the learning rate used and the step's wall time.
 * A step whose loss or gradient was not finite is not applied: {@code rejected} says why (null when the
 * update was applied), the model and the global step are as before the step.
 */
public record StepResult(long globalStep, double totalLoss, double tripletLoss, double regularizationLoss,
        double learningRate, int triplets, long stepMillis, String rejected) {

    /** An applied step. */
    public StepResult(long globalStep, double totalLoss, double tripletLoss, double regularizationLoss,
                      double learningRate, int triplets, long stepMillis) {
        this(globalStep, totalLoss, tripletLoss, regularizationLoss, learningRate, triplets, stepMillis, null);
    }

    /** Whether the update was applied to the model. */
    public boolean applied() {
        return rejected == null;
    }
}
