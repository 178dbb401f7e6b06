package io.facenetstreams.core.image;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImagePreprocessorTest {

    /** A w x h image whose pixel (x, y) is (v, v + 1, v + 2) with v = 10 * (y * w + x) (values wrap at 256). */
    static RgbImage ramp(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                px[3 * i + c] = (byte) (10 * i + c);
            }
        }
        return new RgbImage(w, h, px);
    }

    private static ImagePreprocessor raw(int size) {
        return new ImagePreprocessor(PreprocessingOptions.evaluation(size).withStandardisation(Standardisation.NONE));
    }

    @Test
    void outputIsChannelMajor() {
        RgbImage img = new RgbImage(2, 2, new byte[] {1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60});
        float[] chw = raw(2).process(img, null);
        // R plane, then G plane, then B plane; each plane row-major.
        assertThat(chw).containsExactly(1, 10, 4, 40, 2, 20, 5, 50, 3, 30, 6, 60);
    }

    @Test
    void cropOrPadOffsetsFollowTensorFlow() {
        // TF: offset_crop = max(-diff // 2, 0), offset_pad = max(diff // 2, 0), diff = target - size.
        assertThat(ImagePreprocessor.cropOrPadOffset(7, 4)).isEqualTo(1);  // crop 1 before, 2 after
        assertThat(ImagePreprocessor.cropOrPadOffset(8, 4)).isEqualTo(2);
        assertThat(ImagePreprocessor.cropOrPadOffset(5, 5)).isZero();
        assertThat(ImagePreprocessor.cropOrPadOffset(3, 6)).isEqualTo(-1); // pad 1 before, 2 after
        assertThat(ImagePreprocessor.cropOrPadOffset(4, 7)).isEqualTo(-1);
        assertThat(ImagePreprocessor.cropOrPadOffset(250, 160)).isEqualTo(45);
    }

    @Test
    void centralCropTakesTheTfWindowOfAnOddDifference() {
        // 3x3 -> 2x2: diff -1, crop offset 0: keeps columns/rows 0..1.
        float[] chw = raw(2).process(ramp(3, 3), null);
        assertThat(chw).startsWith(0, 10, 30, 40); // R of (0,0), (1,0), (0,1), (1,1)
    }

    @Test
    void centralPadPutsTheExtraZeroAfter() {
        // 1x1 -> 4x4: diff 3, pad 1 before and 2 after: the pixel lands at (1, 1).
        RgbImage img = new RgbImage(1, 1, new byte[] {7, 8, 9});
        float[] chw = raw(4).process(img, null);
        for (int i = 0; i < 16; i++) {
            assertThat(chw[i]).isEqualTo(i == 5 ? 7f : 0f);
            assertThat(chw[32 + i]).isEqualTo(i == 5 ? 9f : 0f);
        }
    }

    @Test
    void perImageStandardisationUsesThePopulationStd() {
        // 2x2 RGB holding 0..11 (numpy: x = np.arange(12.); (x - x.mean()) / x.std()), std = sqrt(143/12).
        byte[] px = new byte[12];
        for (int i = 0; i < 12; i++) {
            px[i] = (byte) i;
        }
        float[] chw = new ImagePreprocessor(PreprocessingOptions.evaluation(2)).process(new RgbImage(2, 2, px), null);
        double std = Math.sqrt(143.0 / 12.0);
        // CHW: first R plane = pixels' R values 0, 3, 6, 9.
        assertThat(chw[0]).isCloseTo((float) ((0 - 5.5) / std), within(1e-6f));
        assertThat(chw[1]).isCloseTo((float) ((3 - 5.5) / std), within(1e-6f));
        assertThat(chw[4]).isCloseTo((float) ((1 - 5.5) / std), within(1e-6f));
        assertThat(chw[11]).isCloseTo((float) ((11 - 5.5) / std), within(1e-6f));
        assertThat(chw[0]).isCloseTo(-1.593255f, within(1e-5f)); // numpy: -5.5 / 3.452052529534663
    }

    @Test
    void perImageStandardisationFloorsTheStdAtOneOverSqrtN() {
        // Eleven 10s and one 11: std = sqrt(11)/12 = 0.2764 < 1/sqrt(12) = 0.2887, so divide by 0.2887.
        byte[] px = new byte[12];
        java.util.Arrays.fill(px, (byte) 10);
        px[0] = 11;
        float[] chw = new ImagePreprocessor(PreprocessingOptions.evaluation(2)).process(new RgbImage(2, 2, px), null);
        double mean = 10 + 1.0 / 12;
        assertThat(chw[0]).isCloseTo((float) ((11 - mean) * Math.sqrt(12)), within(1e-5f));
        assertThat(chw[1]).isCloseTo((float) ((10 - mean) * Math.sqrt(12)), within(1e-5f));
        // A flat image becomes all zeros instead of NaN.
        java.util.Arrays.fill(px, (byte) 77);
        float[] flat = new ImagePreprocessor(PreprocessingOptions.evaluation(2)).process(new RgbImage(2, 2, px), null);
        assertThat(flat).containsOnly(0f);
    }

    @Test
    void fixedStandardisationIsFacenets() {
        RgbImage img = new RgbImage(1, 1, new byte[] {0, (byte) 255, (byte) 128});
        float[] chw = new ImagePreprocessor(PreprocessingOptions.evaluation(1).withStandardisation(Standardisation.FIXED))
                .process(img, null);
        assertThat(chw).containsExactly(-0.99609375f, 0.99609375f, 0.00390625f);
    }

    @Test
    void randomCropVisitsEveryWindowAndIsReproducible() {
        ImagePreprocessor p = new ImagePreprocessor(
                new PreprocessingOptions(2, 0, true, false, Standardisation.NONE));
        RgbImage img = ramp(4, 3); // 3 column offsets x 2 row offsets
        Set<Float> corners = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            float[] a = p.process(img, new SplittableRandom(seed));
            float[] b = p.process(img, new SplittableRandom(seed));
            assertThat(a).containsExactly(b);
            // The window is contiguous: right neighbour +10, lower neighbour +40.
            assertThat(a[1] - a[0]).isEqualTo(10f);
            assertThat(a[2] - a[0]).isEqualTo(40f);
            corners.add(a[0]);
        }
        assertThat(corners).containsExactlyInAnyOrder(0f, 10f, 20f, 40f, 50f, 60f);
    }

    @Test
    void randomCropOfASmallerImagePadsFirst() {
        ImagePreprocessor cropping = new ImagePreprocessor(new PreprocessingOptions(4, 0, true, false, Standardisation.NONE));
        RgbImage img = ramp(3, 4);
        // Width 3 < 4: padded to 4 (0 before, 1 after: floor(1/2) = 0), then the only 4x4 window is taken.
        float[] out = cropping.process(img, new Random(1));
        assertThat(out).containsExactly(raw(4).process(img, null));
    }

    @Test
    void randomFlipMirrorsAboutHalfTheTime() {
        ImagePreprocessor p = new ImagePreprocessor(new PreprocessingOptions(3, 0, false, true, Standardisation.NONE));
        RgbImage img = ramp(3, 3);
        float[] plain = raw(3).process(img, null);
        float[] mirrored = plain.clone();
        ImagePreprocessor.mirror(mirrored, 3);
        assertThat(mirrored[0]).isEqualTo(plain[2]);
        assertThat(mirrored[9 + 3]).isEqualTo(plain[9 + 5]);
        SplittableRandom r = new SplittableRandom(11);
        int flips = 0;
        for (int i = 0; i < 2000; i++) {
            float[] out = p.process(img, r);
            if (java.util.Arrays.equals(out, mirrored)) {
                flips++;
            } else {
                assertThat(out).containsExactly(plain);
            }
        }
        assertThat(flips).isBetween(900, 1100); // binomial(2000, 0.5): sd 22
        assertThat(raw(3).processMirrored(img, null)).containsExactly(mirrored);
    }

    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        // One row 0, 100 resized to 4 wide: source x = (x + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 (clamped).
        RgbImage img = new RgbImage(2, 1, new byte[] {0, 0, 0, 100, 100, 100});
        PreprocessingOptions o = new PreprocessingOptions(4, 0, false, false, Standardisation.NONE);
        ImagePreprocessor p = new ImagePreprocessor(new PreprocessingOptions(4, 4, false, false, Standardisation.NONE));
        float[] out = p.process(img, null);
        assertThat(o.isRandom()).isFalse();
        assertThat(out).startsWith(0f, 25f, 75f, 100f, 0f, 25f, 75f, 100f);
    }
}
