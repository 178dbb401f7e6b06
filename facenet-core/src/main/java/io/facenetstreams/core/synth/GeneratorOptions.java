package io.facenetstreams.core.synth;

/**
 * What {@link FaceDatasetGenerator} writes: {@code identities} training identities and
 * {@code lfwIdentities} disjoint evaluation identities, {@code imagesPerIdentity} images each, at
 * {@code imageSize} pixels, and a {@code pairs.txt} of {@code folds} folds with {@code pairsPerHalf}
 * same and {@code pairsPerHalf} different pairs each. {@code threads} changes the speed, never the
 * output. {@code nuisance} in [0, 1] scales every per-image variation (0.65 by default: raw pixels
 * stay far from 0.80 LFW accuracy while every identity attribute remains visible).
 */
public record GeneratorOptions(int identities, int imagesPerIdentity, int lfwIdentities, int folds, int pairsPerHalf,
                               int imageSize, long seed, double nuisance, int threads) {

    public static final int DEFAULT_IDENTITIES = 200;
    public static final int DEFAULT_IMAGES_PER_IDENTITY = 20;
    public static final int DEFAULT_LFW_IDENTITIES = 100;
    public static final int DEFAULT_FOLDS = 10;
    public static final int DEFAULT_PAIRS_PER_HALF = 300;
    public static final int DEFAULT_IMAGE_SIZE = 64;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_NUISANCE = 0.65;

    /** Names are {@code synth_%06d}: at most this many identities in all. */
    public static final int MAX_IDENTITIES = 1_000_000;

    public GeneratorOptions {
        require(identities >= 1, "--identities must be >= 1, got " + identities);
        require(imagesPerIdentity >= 2 && imagesPerIdentity <= 9999,
                "--images-per-identity must be in 2..9999 (same pairs need two images), got " + imagesPerIdentity);
        require(lfwIdentities >= 0, "--lfw-identities must be >= 0, got " + lfwIdentities);
        require((long) identities + lfwIdentities <= MAX_IDENTITIES,
                "--identities + --lfw-identities must be <= " + MAX_IDENTITIES + ", got " + ((long) identities + lfwIdentities));
        require(folds >= 1, "--folds must be >= 1, got " + folds);
        require(pairsPerHalf >= 1, "--pairs must be >= 1, got " + pairsPerHalf);
        require(imageSize >= 16 && imageSize <= 1024, "--image-size must be in 16..1024, got " + imageSize);
        require(nuisance >= 0 && nuisance <= 1, "--nuisance must be in [0, 1], got " + nuisance);
        require(threads >= 1, "--threads must be >= 1, got " + threads);
        if (lfwIdentities > 0) {
            checkPairsFit(lfwIdentities, imagesPerIdentity, folds, pairsPerHalf);
        }
    }

    /** The defaults: 200 x 20 training images, 100 LFW identities, 10 folds x 300 pairs, 64 px, seed 42. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_IDENTITIES, DEFAULT_IMAGES_PER_IDENTITY, DEFAULT_LFW_IDENTITIES, DEFAULT_FOLDS,
                DEFAULT_PAIRS_PER_HALF, DEFAULT_IMAGE_SIZE, DEFAULT_SEED, DEFAULT_NUISANCE,
                Runtime.getRuntime().availableProcessors());
    }

    /** Total images written. */
    public long totalImages() {
        return (long) (identities + lfwIdentities) * imagesPerIdentity;
    }

    /**
     * The LFW identities are split into {@code folds} disjoint groups (the first {@code K % F} one
     * larger); every fold must offer {@code pairsPerHalf} distinct same pairs and distinct different pairs.
     */
    static void checkPairsFit(int lfwIdentities, int imagesPerIdentity, int folds, int pairsPerHalf) {
        int group = lfwIdentities / folds;
        if (group < 2) {
            throw new IllegalArgumentException("--lfw-identities " + lfwIdentities + " over " + folds
                    + " folds leaves " + group + " identities per fold; different pairs need >= 2 per fold, so use"
                    + " --lfw-identities >= " + 2 * folds);
        }
        long m = imagesPerIdentity;
        long maxSame = group * (m * (m - 1) / 2);
        long maxDifferent = (long) group * (group - 1) / 2 * m * m;
        if (pairsPerHalf > maxSame) {
            throw new IllegalArgumentException("a fold of " + group + " identities x " + m + " images offers only "
                    + maxSame + " distinct same pairs, but --pairs is " + pairsPerHalf
                    + "; raise --lfw-identities or --images-per-identity, or lower --pairs");
        }
        if (pairsPerHalf > maxDifferent) {
            throw new IllegalArgumentException("a fold of " + group + " identities x " + m + " images offers only "
                    + maxDifferent + " distinct different pairs, but --pairs is " + pairsPerHalf
                    + "; raise --lfw-identities or --images-per-identity, or lower --pairs");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
