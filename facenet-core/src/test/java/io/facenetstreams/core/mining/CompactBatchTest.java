package io.facenetstreams.core.mining;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactBatchTest {

    @Test
    void leavesOutMissingRowsAndCountsClassesInBatchOrder() {
        int[] labels = {7, 7, 7, 3, 3, 9};
        float[][] rows = {{1, 0}, null, {0, 1}, {2, 2}, {3, 3}, null};
        CompactBatch batch = CompactBatch.of(labels, rows);
        assertThat(batch.rows()).isEqualTo(4);
        assertThat(batch.missing()).isEqualTo(2);
        assertThat(batch.imagesPerClass()).containsExactly(2, 2);
        assertThat(batch.embeddings()).containsExactly(1, 0, 0, 1, 2, 2, 3, 3);
        assertThat(batch.batchRow(0)).isEqualTo(0);
        assertThat(batch.batchRow(1)).isEqualTo(2);
        assertThat(batch.batchRow(3)).isEqualTo(4);
    }

    @Test
    void rejectsNonContiguousClassesAndRaggedRows() {
        assertThatThrownBy(() -> CompactBatch.of(new int[] {1, 2, 1}, new float[][] {{0}, {0}, {0}}))
                .hasMessageContaining("class 1 appears again at row 2");
        assertThatThrownBy(() -> CompactBatch.of(new int[] {1, 1}, new float[][] {{0}, {0, 1}}))
                .hasMessageContaining("row 1 has 2 dimensions");
        assertThatThrownBy(() -> CompactBatch.of(new int[] {1}, new float[][] {{0}, {0}}))
                .hasMessageContaining("1 labels but 2 embedding rows");
    }
}
