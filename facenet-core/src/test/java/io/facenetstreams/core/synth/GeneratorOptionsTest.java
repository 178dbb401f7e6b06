package io.facenetstreams.core.synth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorOptionsTest {

    private static GeneratorOptions opts(int n, int m, int k, int folds, int pairs) {
        return new GeneratorOptions(n, m, k, folds, pairs, 64, 1, 0.5, 1);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GeneratorOptions d = GeneratorOptions.defaults();
        assertThat(d.identities()).isEqualTo(200);
        assertThat(d.imagesPerIdentity()).isEqualTo(20);
        assertThat(d.lfwIdentities()).isEqualTo(100);
        assertThat(d.folds()).isEqualTo(10);
        assertThat(d.pairsPerHalf()).isEqualTo(300);
        assertThat(d.imageSize()).isEqualTo(64);
        assertThat(d.seed()).isEqualTo(42);
        assertThat(d.totalImages()).isEqualTo(6000);
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> opts(0, 20, 100, 10, 300)).hasMessageContaining("--identities");
        assertThatThrownBy(() -> opts(10, 1, 100, 10, 300)).hasMessageContaining("--images-per-identity");
        assertThatThrownBy(() -> opts(10, 20, 100, 0, 300)).hasMessageContaining("--folds");
        assertThatThrownBy(() -> opts(10, 20, 100, 10, 0)).hasMessageContaining("--pairs");
        assertThatThrownBy(() -> new GeneratorOptions(1, 2, 0, 1, 1, 8, 1, 0.5, 1)).hasMessageContaining("--image-size");
        assertThatThrownBy(() -> new GeneratorOptions(1, 2, 0, 1, 1, 64, 1, 1.5, 1)).hasMessageContaining("--nuisance");
        assertThatThrownBy(() -> new GeneratorOptions(1, 2, 0, 1, 1, 64, 1, Double.NaN, 1)).hasMessageContaining("--nuisance");
        assertThatThrownBy(() -> new GeneratorOptions(1, 2, 0, 1, 1, 64, 1, 0.5, 0)).hasMessageContaining("--threads");
    }

    @Test
    void everyFoldNeedsTwoIdentities() {
        assertThatThrownBy(() -> opts(10, 20, 19, 10, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--lfw-identities >= 20");
        assertThatCode(() -> opts(10, 20, 20, 10, 5)).doesNotThrowAnyException();
    }

    @Test
    void pairsMustFitTheFoldsDistinctPairs() {
        // 2 identities x 3 images per fold: same pairs 2 * C(3,2) = 6, different pairs C(2,2) * 3 * 3 = 9.
        assertThatCode(() -> opts(1, 3, 4, 2, 6)).doesNotThrowAnyException();
        assertThatThrownBy(() -> opts(1, 3, 4, 2, 7))
                .hasMessageContaining("only 6 distinct same pairs").hasMessageContaining("--pairs is 7");
        // 3 identities x 2 images: same 3 * 1 = 3 is the limit before different (3 * 4 = 12).
        assertThatThrownBy(() -> opts(1, 2, 3, 1, 4)).hasMessageContaining("only 3 distinct same pairs");
        // 10 identities x 2 images: same 10, different 45 * 4 = 180; 11 pairs exceed the same limit.
        assertThatThrownBy(() -> opts(1, 2, 10, 1, 11)).hasMessageContaining("same pairs");
    }
}
