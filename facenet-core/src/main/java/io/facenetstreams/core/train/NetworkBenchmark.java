package io.facenetstreams.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;

import java.util.SplittableRandom;

/**
 * Measures a network on this machine: forward throughput in inference mode (images per second, batches
 * of {@code batch} images) and training steps per second (one step = a batch of {@code batch} images as
 * triplets, triplet loss, backward, ADAGRAD update). Inputs are random standardised pixels; warm-up
 * iterations are not timed. Wall-clock medians would hide the noise of a shared machine, so both the
 * mean and the best iteration are reported.
 */
public final class NetworkBenchmark {

    /** One network's numbers. */
    public record Result(NetworkArchitecture architecture, int imageSize, int batch, long trainableParameters,
            int forwardIterations, double forwardMeanMillis, double forwardBestMillis,
            int trainSteps, double stepMeanMillis, double stepBestMillis, String device) {

        /** Images per second of inference-mode forward passes, from the mean batch time. */
        public double forwardImagesPerSecond() {
            return batch * 1000.0 / forwardMeanMillis;
        }

        /** Training steps per second, from the mean step time. */
        public double trainStepsPerSecond() {
            return 1000.0 / stepMeanMillis;
        }
    }

    private NetworkBenchmark() {}

    /**
     * Runs {@code warmup} untimed then {@code iterations} timed forward batches and training steps.
     * {@code batch} must be a multiple of 3.
     */
    public static Result run(NetworkArchitecture architecture, int imageSize, int embeddingSize, int batch,
            int warmup, int iterations, Device device) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("need at least 1 timed iteration and >= 0 warm-up ones");
        }
        TrainingOptions options = TrainingOptions.defaults().withImageSize(imageSize).withEmbeddingSize(embeddingSize)
                .withBatchSize(batch);
        NetworkSpec spec = options.networkSpec(architecture);
        float[][] images = new float[batch][spec.imageLength()];
        SplittableRandom random = new SplittableRandom(1);
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        try (TripletTrainer trainer = TripletTrainer.create(architecture, options,
                device == null ? Engine.getInstance().defaultDevice() : device)) {
            double[] forward = time(warmup, iterations, () -> trainer.embed(images, BatchNormMode.INFERENCE));
            double[] step = time(warmup, iterations, () -> trainer.step(images, 0.1));
            return new Result(architecture, spec.imageSize(), batch, trainer.network().parameterCount().trainable(),
                    iterations, forward[0], forward[1], iterations, step[0], step[1], trainer.network().device().toString());
        }
    }

    /** {mean, best} milliseconds. */
    private static double[] time(int warmup, int iterations, Runnable work) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double total = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            work.run();
            double ms = (System.nanoTime() - start) / 1e6;
            total += ms;
            best = Math.min(best, ms);
        }
        return new double[] {total / iterations, best};
    }
}
