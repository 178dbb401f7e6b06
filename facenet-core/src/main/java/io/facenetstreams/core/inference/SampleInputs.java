package io.facenetstreams.core.inference;

import java.util.SplittableRandom;

/**
 * Network inputs for checking another implementation of a model when no images are at hand: standard normal
 * values (what per-image standardisation makes of an image, on average), reproducible from a seed.
 */
public final class SampleInputs {

    private SampleInputs() {}

    /** {@code n} inputs of {@code 3 * size * size} values, CHW, drawn from N(0, 1) with the seed. */
    public static float[][] random(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] inputs = new float[n][3 * size * size];
        for (float[] input : inputs) {
            for (int k = 0; k < input.length; k++) {
                input[k] = (float) gaussian(random);
            }
        }
        return inputs;
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
