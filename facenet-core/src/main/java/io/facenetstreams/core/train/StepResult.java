package io.facenetstreams.core.train;

/**
 * What one training step did: the global step after it (1 for the first step), the total loss the seed
 * prints (triplet loss + regularisation), its two parts, the learning rate used and the step's wall time.
 */
public record StepResult(long globalStep, double totalLoss, double tripletLoss, double regularizationLoss,
        double learningRate, int triplets, long stepMillis) {}
