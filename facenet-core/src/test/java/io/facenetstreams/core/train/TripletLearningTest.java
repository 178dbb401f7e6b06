package io.facenetstreams.core.train;

import ai.djl.Device;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.NetworkArchitecture;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small network learns a toy identity problem with the reference's defaults (ADAGRAD, lr 0.1, alpha 0.2):
 * six classes of coloured shapes at 32 px, each image shifted, re-lit and noisy, trained on random
 * triplets; the triplet loss of a fixed held-out set (inference mode) must fall well below where it started.
 */
class TripletLearningTest {

    private static final int SIZE = 32;
    private static final int CLASSES = 6;

    @Test
    void smallCnnReducesTheTripletLossOnToyIdentities() {
        TrainingOptions options = TrainingOptions.defaults().withImageSize(SIZE).withEmbeddingSize(16)
                .withBatchSize(30).withSeed(11);
        float[][] held = triplets(new SplittableRandom(99), 20);
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            double before = loss(trainer.embed(held, BatchNormMode.INFERENCE), 0.2);
            SplittableRandom random = new SplittableRandom(1);
            double firstSteps = 0;
            double lastSteps = 0;
            int steps = 80;
            for (int i = 0; i < steps; i++) {
                double l = trainer.step(triplets(random, 10), 0.1).tripletLoss();
                if (i < 10) {
                    firstSteps += l / 10;
                } else if (i >= steps - 10) {
                    lastSteps += l / 10;
                }
            }
            double after = loss(trainer.embed(held, BatchNormMode.INFERENCE), 0.2);
            System.out.printf("held-out triplet loss %.4f -> %.4f; training loss %.4f -> %.4f%n",
                    before, after, firstSteps, lastSteps);
            assertThat(after).isLessThan(before * 0.5);
            assertThat(lastSteps).isLessThan(firstSteps * 0.5);
        }
    }

    private static double loss(float[][] e, double alpha) {
        double sum = 0;
        for (int t = 0; t < e.length / 3; t++) {
            double pos = TripletTrainerTest.squaredDistance(e[3 * t], e[3 * t + 1]);
            double neg = TripletTrainerTest.squaredDistance(e[3 * t], e[3 * t + 2]);
            sum += Math.max(pos - neg + alpha, 0);
        }
        return sum / (e.length / 3);
    }

    /** Random triplets: anchor and positive of one class, negative of another. */
    private static float[][] triplets(SplittableRandom random, int count) {
        float[][] images = new float[3 * count][];
        for (int t = 0; t < count; t++) {
            int c = random.nextInt(CLASSES);
            int other = (c + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
            images[3 * t] = image(c, random);
            images[3 * t + 1] = image(c, random);
            images[3 * t + 2] = image(other, random);
        }
        return images;
    }

    /**
     * Class c: a background tint from a fixed colour and a bright shape (square, bars, cross, ring, dot) in
     * the colour's complement; the image is shifted up to 3 px, its brightness varies and noise is added.
     */
    private static float[] image(int c, SplittableRandom random) {
        float[] tint = {(c & 1) == 0 ? 0.5f : -0.5f, (c & 2) == 0 ? 0.4f : -0.4f, c >= 3 ? 0.3f : -0.3f};
        int dx = random.nextInt(7) - 3;
        int dy = random.nextInt(7) - 3;
        float light = (float) (random.nextDouble() * 0.6 - 0.3);
        float[] img = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean on = shape(c, x - dx - SIZE / 2, y - dy - SIZE / 2);
                for (int ch = 0; ch < 3; ch++) {
                    float v = (on ? -tint[ch] * 2 : tint[ch]) + light + (float) (random.nextDouble() - 0.5) * 0.8f;
                    img[(ch * SIZE + y) * SIZE + x] = v;
                }
            }
        }
        return img;
    }

    private static boolean shape(int c, int x, int y) {
        return switch (c) {
            case 0 -> Math.abs(x) < 6 && Math.abs(y) < 6;
            case 1 -> Math.abs(y) < 3 && Math.abs(x) < 11;
            case 2 -> Math.abs(x) < 3 && Math.abs(y) < 11;
            case 3 -> (Math.abs(x) < 2 || Math.abs(y) < 2) && Math.abs(x) < 10 && Math.abs(y) < 10;
            case 4 -> Math.abs(x * x + y * y - 64) < 18;
            default -> x * x + y * y < 16;
        };
    }
}
