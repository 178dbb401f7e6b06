package io.facenetstreams.core.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FiniteEmbeddingTest {

    private static final float[][] IMAGES = new float[3][4];

    @Test
    void finiteRowsPassInOneAttempt() {
        AtomicInteger calls = new AtomicInteger();
        FiniteEmbedding.Result r = FiniteEmbedding.embed(IMAGES, images -> {
            calls.incrementAndGet();
            return new float[][] {{1, 0}, {0, 1}, {0.6f, 0.8f}};
        });
        assertThat(calls).hasValue(1);
        assertThat(r.clean()).isTrue();
        assertThat(r.retried()).isFalse();
        assertThat(r.rows()[2]).containsExactly(0.6f, 0.8f);
    }

    @Test
    void aPassingFaultIsCuredByEmbeddingAgain() {
        AtomicInteger calls = new AtomicInteger();
        FiniteEmbedding.Result r = FiniteEmbedding.embed(IMAGES, images -> calls.incrementAndGet() == 1
                ? new float[][] {{1, 0}, {Float.NaN, Float.NaN}, {0, 1}}
                : new float[][] {{1, 0}, {0.6f, 0.8f}, {0, 1}});
        assertThat(calls).hasValue(2);
        assertThat(r.retried()).isTrue();
        assertThat(r.clean()).isTrue();
        assertThat(r.rows()[1]).containsExactly(0.6f, 0.8f);
    }

    @Test
    void rowsThatStayNonFiniteAreReportedAndNeverPassedOn() {
        FiniteEmbedding.Result r = FiniteEmbedding.embed(IMAGES,
                images -> new float[][] {{1, 0}, {0, Float.POSITIVE_INFINITY}, {Float.NaN, 1}});
        assertThat(r.retried()).isTrue();
        assertThat(r.nonFinite()).containsExactly(1, 2);
        assertThat(r.rows()[0]).containsExactly(1, 0);
        assertThat(r.rows()[1]).isNull();
        assertThat(r.rows()[2]).isNull();
    }
}
