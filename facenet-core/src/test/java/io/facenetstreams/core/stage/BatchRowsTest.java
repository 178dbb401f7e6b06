package io.facenetstreams.core.stage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRowsTest {

    @Test
    void partsFillTheirRowsAndAreRemembered() {
        BatchRows rows = new BatchRows(4);
        assertThat(rows.add(0, new int[] {2, 0}, new float[] {1, 2, 3, 4}, 2)).isNull();
        assertThat(rows.add(1, new int[] {3}, new float[] {5, 6}, 2)).isNull();
        assertThat(rows.vectors()[0]).containsExactly(3, 4);
        assertThat(rows.vectors()[2]).containsExactly(1, 2);
        assertThat(rows.vectors()[1]).isNull();
        assertThat(rows.partOf(3)).isEqualTo(1);
        assertThat(rows.partOf(1)).isEqualTo(-1);
    }

    @Test
    void aPartThatDoesNotFitIsRefusedWithTheReasonAndLeavesNoRow() {
        BatchRows rows = new BatchRows(3);
        assertThat(rows.add(0, new int[] {0}, new float[] {1, 2}, 2)).isNull();
        assertThat(rows.add(1, new int[] {1, 3}, new float[] {1, 2, 3, 4}, 2)).contains("row 3 of a batch of 3");
        assertThat(rows.vectors()[1]).isNull();
        assertThat(rows.add(2, new int[] {0}, new float[] {1, 2}, 2)).contains("which part 0 holds too");
        assertThat(rows.add(3, new int[] {1}, new float[] {1, 2, 3}, 3)).contains("3 dimensions, another part of 2");
        assertThat(rows.add(4, new int[] {1}, new float[] {1}, 2)).contains("1 floats for 1 rows of 2");
        assertThat(rows.add(5, new int[] {}, new float[] {}, 0)).as("an empty part fits").isNull();
    }
}
