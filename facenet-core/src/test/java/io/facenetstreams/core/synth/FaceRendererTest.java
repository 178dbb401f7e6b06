package io.facenetstreams.core.synth;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceRendererTest {

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void renderingIsAPureFunctionOfIdentityAndNuisance() {
        FaceRenderer renderer = new FaceRenderer(48);
        IdentityParameters id = IdentityParameters.random(new SplittableRandom(3));
        Nuisance nz = Nuisance.random(new SplittableRandom(4), 1.0);
        BufferedImage a = renderer.render(id, nz);
        BufferedImage b = new FaceRenderer(48).render(id, nz);
        assertThat(a.getWidth()).isEqualTo(48);
        assertThat(pixels(b)).containsExactly(pixels(a));
        assertThat(pixels(renderer.render(id, Nuisance.random(new SplittableRandom(5), 1.0)))).isNotEqualTo(pixels(a));
    }

    @Test
    void withoutNuisanceTheBackgroundIsPlainGreyAndTheFaceCentred() {
        IdentityParameters id = IdentityParameters.random(new SplittableRandom(8));
        BufferedImage img = new FaceRenderer(64).render(id, Nuisance.random(new SplittableRandom(1), 0.0));
        // Top-left corner: the neutral background (128, 128, 128); centre: skin, not background.
        assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(img.getRGB(32, 36) & 0xFFFFFF).isNotEqualTo(0x808080);
    }

    @Test
    void differentIdentitiesLookDifferent() {
        Nuisance nz = Nuisance.random(new SplittableRandom(1), 0.0);
        FaceRenderer r = new FaceRenderer(32);
        int[] a = pixels(r.render(IdentityParameters.random(new SplittableRandom(1)), nz));
        int[] b = pixels(r.render(IdentityParameters.random(new SplittableRandom(2)), nz));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rejectsUnusableSizesAndStrengths() {
        assertThatThrownBy(() -> new FaceRenderer(8)).hasMessageContaining("image size");
        assertThatThrownBy(() -> Nuisance.random(new SplittableRandom(1), -0.1)).hasMessageContaining("nuisance");
    }
}
