package io.facenetstreams.core.image;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The reference's preprocessing of one image, in its order: optional bilinear resize, then random crop
 * (TF {@code random_crop}; an image smaller than S is first padded centrally with zeros) or central
 * crop-or-pad (TF {@code resize_image_with_crop_or_pad}), then random left-right flip (TF
 * {@code random_flip_left_right}: flip when a uniform draw is below 0.5), then standardisation.
 * The output is {@code float[3 * S * S]} in CHW order (R plane, G plane, B plane), ready to be
 * wrapped as an (N, 3, S, S) tensor.
 *
 * <p>Random draws, from the generator passed in, in this order: crop row offset, crop column offset
 * (only with random crop), flip (only with random flip). Thread-safe: holds no mutable state.
 */
public final class ImagePreprocessor {

    private final PreprocessingOptions options;

    public ImagePreprocessor(PreprocessingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public PreprocessingOptions options() {
        return options;
    }

    /** The network input for {@code image}; {@code random} may be null when the options draw nothing. */
    public float[] process(RgbImage image, RandomGenerator random) {
        if (options.isRandom()) {
            Objects.requireNonNull(random, "random crop/flip need a random generator");
        }
        int s = options.imageSize();
        Plane src = options.resizeTo() > 0 && (image.width() != options.resizeTo() || image.height() != options.resizeTo())
                ? Plane.resizeBilinear(image, options.resizeTo(), options.resizeTo())
                : Plane.of(image);
        int cropY;
        int cropX;
        if (options.randomCrop()) {
            // Pad to at least S first (centrally, as crop-or-pad would), then a uniform window.
            int padY = Math.max(s - src.height, 0) / 2;
            int padX = Math.max(s - src.width, 0) / 2;
            int h = Math.max(src.height, s);
            int w = Math.max(src.width, s);
            int offY = random.nextInt(h - s + 1);
            int offX = random.nextInt(w - s + 1);
            cropY = offY - padY;
            cropX = offX - padX;
        } else {
            cropY = cropOrPadOffset(src.height, s);
            cropX = cropOrPadOffset(src.width, s);
        }
        boolean flip = options.randomFlip() && random.nextDouble() < 0.5;
        float[] chw = new float[3 * s * s];
        int plane = s * s;
        for (int y = 0; y < s; y++) {
            int sy = y + cropY;
            for (int x = 0; x < s; x++) {
                int sx = (flip ? s - 1 - x : x) + cropX;
                if (sy < 0 || sy >= src.height || sx < 0 || sx >= src.width) {
                    continue; // zero padding
                }
                int si = (sy * src.width + sx) * 3;
                int di = y * s + x;
                chw[di] = src.values[si];
                chw[plane + di] = src.values[si + 1];
                chw[2 * plane + di] = src.values[si + 2];
            }
        }
        standardise(chw, options.standardisation());
        return chw;
    }

    /** The input for the mirror image of {@code image}, for flipped-image evaluation. */
    public float[] processMirrored(RgbImage image, RandomGenerator random) {
        float[] chw = process(image, random);
        mirror(chw, options.imageSize());
        return chw;
    }

    /**
     * Source offset of the S-window of TF's {@code resize_image_with_crop_or_pad} along one axis: a
     * positive value crops {@code floor((size - S) / 2)} from the start, a negative value pads
     * {@code floor((S - size) / 2)} before (so for odd differences the extra pixel is cropped or
     * padded at the end).
     */
    public static int cropOrPadOffset(int size, int target) {
        int diff = target - size;
        int offsetCrop = Math.max(Math.floorDiv(-diff, 2), 0);
        int offsetPad = Math.max(Math.floorDiv(diff, 2), 0);
        return offsetCrop - offsetPad;
    }

    /** Mirrors a CHW image of size S x S left-right, in place. */
    public static void mirror(float[] chw, int s) {
        for (int row = 0; row < 3 * s; row++) {
            int base = row * s;
            for (int x = 0, xr = s - 1; x < xr; x++, xr--) {
                float t = chw[base + x];
                chw[base + x] = chw[base + xr];
                chw[base + xr] = t;
            }
        }
    }

    /** Standardises all values of one image in place. */
    public static void standardise(float[] values, Standardisation standardisation) {
        switch (standardisation) {
            case NONE -> {
            }
            case FIXED -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (values[i] - 127.5f) / 128f;
                }
            }
            case PER_IMAGE -> {
                int n = values.length;
                double sum = 0;
                for (float v : values) {
                    sum += v;
                }
                double mean = sum / n;
                double squares = 0;
                for (float v : values) {
                    double d = v - mean;
                    squares += d * d;
                }
                double std = Math.sqrt(squares / n);
                double adjusted = Math.max(std, 1.0 / Math.sqrt(n));
                for (int i = 0; i < n; i++) {
                    values[i] = (float) ((values[i] - mean) / adjusted);
                }
            }
            default -> throw new IllegalStateException("unknown standardisation " + standardisation);
        }
    }

    /** Float HWC pixels of an intermediate image. */
    private record Plane(int width, int height, float[] values) {

        static Plane of(RgbImage image) {
            byte[] px = image.pixels();
            float[] v = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                v[i] = px[i] & 0xFF;
            }
            return new Plane(image.width(), image.height(), v);
        }

        /** Bilinear resize with half-pixel centres (TF2 / OpenCV / PIL convention), no antialiasing. */
        static Plane resizeBilinear(RgbImage image, int outW, int outH) {
            int inW = image.width();
            int inH = image.height();
            float[] v = new float[outW * outH * 3];
            double sx = (double) inW / outW;
            double sy = (double) inH / outH;
            for (int y = 0; y < outH; y++) {
                double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), inH - 1);
                int y0 = (int) fy;
                int y1 = Math.min(y0 + 1, inH - 1);
                double wy = fy - y0;
                for (int x = 0; x < outW; x++) {
                    double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), inW - 1);
                    int x0 = (int) fx;
                    int x1 = Math.min(x0 + 1, inW - 1);
                    double wx = fx - x0;
                    for (int c = 0; c < 3; c++) {
                        double top = image.get(x0, y0, c) * (1 - wx) + image.get(x1, y0, c) * wx;
                        double bottom = image.get(x0, y1, c) * (1 - wx) + image.get(x1, y1, c) * wx;
                        v[(y * outW + x) * 3 + c] = (float) (top * (1 - wy) + bottom * wy);
                    }
                }
            }
            return new Plane(outW, outH, v);
        }
    }
}
