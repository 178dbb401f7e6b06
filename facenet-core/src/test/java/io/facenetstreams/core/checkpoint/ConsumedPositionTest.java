package io.facenetstreams.core.checkpoint;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumedPositionTest {

    @Test
    void roundTripsThroughCheckpointMetadata() {
        ConsumedPosition position = new ConsumedPosition(17, 2);
        assertThat(position.toMetadata()).containsOnly(Map.entry("consumed.triplets.0.offset", "17"),
                Map.entry("consumed.triplets.0.steps", "2"));
        assertThat(ConsumedPosition.fromMetadata(position.toMetadata())).isEqualTo(position);
    }

    @Test
    void aCheckpointWithoutAPositionIsAtTheStart() {
        assertThat(ConsumedPosition.fromMetadata(Map.of("model.name", "m"))).isEqualTo(ConsumedPosition.START);
    }

    @Test
    void resumesInsideItsOwnRecordAndAtTheStartOfAnyOther() {
        ConsumedPosition position = new ConsumedPosition(5, 3);
        assertThat(position.firstStepOf(5)).isEqualTo(3);
        assertThat(position.firstStepOf(6)).isZero();
        assertThat(position.firstStepOf(4)).isZero();
        assertThat(ConsumedPosition.START.firstStepOf(0)).isZero();
    }

    @Test
    void aFinishedRecordMovesOnToTheNextOne() {
        assertThat(ConsumedPosition.afterStep(5, 1, false)).isEqualTo(new ConsumedPosition(5, 2));
        assertThat(ConsumedPosition.afterStep(5, 3, true)).isEqualTo(new ConsumedPosition(6, 0));
    }

    @Test
    void isNeverNegative() {
        assertThatThrownBy(() -> new ConsumedPosition(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
