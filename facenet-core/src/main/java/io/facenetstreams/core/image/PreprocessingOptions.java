package io.facenetstreams.core.image;

import java.util.Objects;

/**
 * How an image becomes network input.
 *
 * @param imageSize       the model's input size S (the output is S x S)
 * @param resizeTo        if > 0, first resize the whole image bilinearly to resizeTo x resizeTo (for
 *                        datasets stored at another size; e.g. 182 then random crop 160); 0 = no resize
 * @param randomCrop      take a random S x S window (the reference's {@code --random_crop}); otherwise crop
 *                        or pad centrally to S x S
 * @param randomFlip      mirror left-right with probability 0.5 (the reference's {@code --random_flip})
 * @param standardisation pixel scaling
 */
public record PreprocessingOptions(int imageSize, int resizeTo, boolean randomCrop, boolean randomFlip,
                                   Standardisation standardisation) {

    public PreprocessingOptions {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image size must be > 0, got " + imageSize);
        }
        if (resizeTo < 0) {
            throw new IllegalArgumentException("resize size must be >= 0 (0 = no resize), got " + resizeTo);
        }
        Objects.requireNonNull(standardisation, "standardisation");
    }

    /** Deterministic preprocessing as the reference evaluates: crop-or-pad to S, per-image standardisation. */
    public static PreprocessingOptions evaluation(int imageSize) {
        return new PreprocessingOptions(imageSize, 0, false, false, Standardisation.PER_IMAGE);
    }

    /**
     * Deterministic preprocessing for a trained model (evaluation, embedding, export samples): crop-or-pad
     * to S and the standardisation the model was trained with.
     */
    public static PreprocessingOptions inference(int imageSize, Standardisation standardisation) {
        return new PreprocessingOptions(imageSize, 0, false, false, standardisation);
    }

    /** The reference's training preprocessing: crop-or-pad to S, its two random flags, the given standardisation. */
    public static PreprocessingOptions training(int imageSize, boolean randomCrop, boolean randomFlip,
                                                Standardisation standardisation) {
        return new PreprocessingOptions(imageSize, 0, randomCrop, randomFlip, standardisation);
    }

    public PreprocessingOptions withStandardisation(Standardisation s) {
        return new PreprocessingOptions(imageSize, resizeTo, randomCrop, randomFlip, s);
    }

    /** True when {@link ImagePreprocessor#process} draws random numbers. */
    public boolean isRandom() {
        return randomCrop || randomFlip;
    }
}
