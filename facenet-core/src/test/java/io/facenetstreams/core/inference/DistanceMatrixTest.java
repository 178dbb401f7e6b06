package io.facenetstreams.core.inference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistanceMatrixTest {

    @Test
    void printsCompareDotPysLayoutWithEuclideanDistances() {
        DistanceMatrix m = DistanceMatrix.of(new float[][] {{1f, 0f}, {0f, 1f}, {0.6f, 0.8f}});
        assertThat(m.get(0, 1)).isEqualTo(Math.sqrt(2));
        assertThat(m.get(1, 0)).isEqualTo(m.get(0, 1));
        assertThat(m.get(2, 2)).isZero();
        assertThat(m.compareLines(List.of("a.png", "b.png", "c.png"))).containsExactly(
                "Images:",
                "0: a.png",
                "1: b.png",
                "2: c.png",
                "",
                "Distance matrix",
                "        0         1         2     ",
                "0    0.0000    1.4142    0.8944  ",
                "1    1.4142    0.0000    0.6325  ",
                "2    0.8944    0.6325    0.0000  ");
    }
}
