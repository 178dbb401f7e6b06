package io.facenetstreams.core.synth;

import io.facenetstreams.core.eval.LfwValidation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator must be hard for raw pixels at its default nuisance, and the knob must matter: the
 * same identities without nuisance are easy for raw pixels (the LFW protocol on per-image standardised,
 * unit-length pixels, as {@code ./facenet evaluate --raw-pixels} computes it). (A reduced set keeps the test fast; the
 * full default set's number is in docs/synthetic-faces.md.)
 */
class RawPixelBaselineTest {

    @TempDir
    Path tmp;

    private double rawAccuracy(double nuisance) throws IOException {
        Path out = tmp.resolve("n" + nuisance);
        // 40 LFW identities x 10 images, 10 folds x 40 pairs per half, 64 px.
        new FaceDatasetGenerator(new GeneratorOptions(1, 10, 40, 10, 40, 64, 42, nuisance, 2))
                .generate(out, ProgressListener.NONE);
        return LfwValidation.prepare(out.resolve(FaceDatasetGenerator.LFW_DIR), out.resolve(FaceDatasetGenerator.PAIRS_FILE),
                LfwValidation.Options.defaults()).evaluateRawPixels(64).evaluation().accuracyMean();
    }

    @Test
    void rawPixelsScoreWellBelowPointEightAtTheDefaultNuisance() throws IOException {
        double hard = rawAccuracy(GeneratorOptions.DEFAULT_NUISANCE);
        double easy = rawAccuracy(0.0);
        System.out.printf("raw-pixel accuracy: nuisance %.2f -> %.4f, nuisance 0 -> %.4f%n",
                GeneratorOptions.DEFAULT_NUISANCE, hard, easy);
        assertThat(hard).isLessThan(0.78).isGreaterThan(0.55);
        assertThat(easy).isGreaterThan(0.95);
    }
}
