package io.facenetstreams.core;

import java.util.SplittableRandom;

/** Deterministic stand-ins for preprocessed images (values uniform in [-1, 1)) for tests of networks and training. */
public final class RandomImages {

    /** The length of a 3-channel 32x32 image, the size the training tests use. */
    public static final int SMALL = 3 * 32 * 32;

    private RandomImages() {
    }

    /** {@code n} images of {@code length} values each, the same for the same seed. */
    public static float[][] of(int n, int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] images = new float[n][length];
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        return images;
    }
}
