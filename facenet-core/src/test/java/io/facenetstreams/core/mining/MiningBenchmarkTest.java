package io.facenetstreams.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiningBenchmarkTest {

    @Test
    void timesBothAndComparesTheirCounts() {
        List<String> progress = new ArrayList<>();
        MiningBenchmark.Plan plan = new MiningBenchmark.Plan(MiningBenchmark.Shape.parse("6x5x16"), MiningStrategy.SEMIHARD,
                0.2, 1.0, 3, 1, 3, 2);
        MiningBenchmark.Result r = new MiningBenchmark(new TripletSelector(2)).run(plan, progress::add);
        assertThat(r.fast().runs()).isEqualTo(3);
        assertThat(r.literal().runs()).isEqualTo(2);
        assertThat(r.countsMatch()).isTrue();
        assertThat(r.pairsConsidered()).isEqualTo(6 * 10); // 6 classes x (5 * 4 / 2) pairs
        assertThat(r.fast().minMillis()).isPositive().isLessThanOrEqualTo(r.fast().medianMillis());
        assertThat(r.speedUp()).isPositive();
        assertThat(progress).hasSize(2);
        MiningBenchmark.Result skipped = new MiningBenchmark(new TripletSelector(1)).run(
                new MiningBenchmark.Plan(plan.shape(), MiningStrategy.VGGFACE, 0.2, 1.0, 3, 0, 1, 0), line -> { });
        assertThat(skipped.literal()).isNull();
        assertThat(skipped.countsMatch()).isNull();
        assertThat(skipped.speedUp()).isNaN();
    }

    @Test
    void shapesParseAndBadOnesAreExplained() {
        assertThat(MiningBenchmark.Shape.parse("45x40x128")).isEqualTo(new MiningBenchmark.Shape(45, 40, 128));
        assertThat(MiningBenchmark.Shape.parse("45x40x128").rows()).isEqualTo(1800);
        assertThatThrownBy(() -> MiningBenchmark.Shape.parse("45x40"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEOPLExIMAGESxDIM");
        assertThatThrownBy(() -> MiningBenchmark.Shape.parse("0x40x128")).hasMessageContaining("positive");
    }

    @Test
    void medianOfAnEvenCountAveragesTheMiddleTwo() {
        assertThat(new MiningBenchmark.Timing(new long[] {4_000_000, 1_000_000, 3_000_000, 2_000_000}).medianMillis())
                .isEqualTo(2.5);
    }
}
