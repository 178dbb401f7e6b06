package io.facenetstreams.core.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic people-batches for tests and benchmarks: L2-normalised float32 embeddings (as the network emits) drawn
 * around one random unit centre per class. {@code spread} is the norm of the noise added to a centre before
 * normalising: 0 gives identical images per class, about 1 gives classes that overlap as in early training
 * (random unit centres in high dimension are about sqrt(2) apart).
 */
public final class SyntheticEmbeddings {

    private SyntheticEmbeddings() {
    }

    public static LabeledEmbeddings clustered(int classes, int imagesPerClass, int dim, double spread, long seed) {
        int[] sizes = new int[classes];
        java.util.Arrays.fill(sizes, imagesPerClass);
        return clustered(sizes, dim, spread, seed);
    }

    public static LabeledEmbeddings clustered(int[] imagesPerClass, int dim, double spread, long seed) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 0;
        for (int n : imagesPerClass) {
            rows += n;
        }
        double[] values = new double[rows * dim];
        List<String> labels = new ArrayList<>();
        double[] centre = new double[dim];
        double[] v = new double[dim];
        int row = 0;
        double noise = spread / Math.sqrt(dim);
        for (int c = 0; c < imagesPerClass.length; c++) {
            labels.add("person_" + c);
            gaussian(random, centre, 1.0);
            normalise(centre);
            for (int i = 0; i < imagesPerClass[c]; i++) {
                gaussian(random, v, noise);
                for (int k = 0; k < dim; k++) {
                    v[k] += centre[k];
                }
                normalise(v);
                for (int k = 0; k < dim; k++) {
                    values[row * dim + k] = (float) v[k];
                }
                row++;
            }
        }
        return new LabeledEmbeddings(labels, imagesPerClass.clone(), dim, values);
    }

    private static void gaussian(SplittableRandom random, double[] out, double std) {
        for (int k = 0; k < out.length; k++) {
            // Box-Muller; SplittableRandom has no nextGaussian on Java 17
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            out[k] = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        if (n > 0) {
            for (int k = 0; k < v.length; k++) {
                v[k] /= n;
            }
        }
    }
}
