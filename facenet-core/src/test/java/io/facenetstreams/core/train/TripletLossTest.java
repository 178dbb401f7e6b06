package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TripletLossTest {

    @Test
    void meanOverAllTripletsCountsSatisfiedOnesAsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Triplet 1: a=(0,0) p=(1,0) n=(0,2): 1 - 4 + 0.2 = -2.8 -> 0 (clamped).
            // Triplet 2: a=(0,0) p=(0,1) n=(0.5,0): 1 - 0.25 + 0.2 = 0.95.
            // Mean over both triplets: 0.475.
            NDArray embeddings = m.create(new float[] {0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0.5f, 0}, new Shape(6, 2));
            assertThat(TripletLoss.compute(embeddings, 0.2f).getFloat()).isCloseTo(0.475f, within(1e-7f));
        }
    }

    @Test
    void distancesAreSquaredAndAlphaIsAdded() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a=(1,1) p=(2,3): |a-p|^2 = 1 + 4 = 5; n=(1,2): |a-n|^2 = 1; 5 - 1 + 0.5 = 4.5.
            NDArray embeddings = m.create(new float[] {1, 1, 2, 3, 1, 2}, new Shape(3, 2));
            assertThat(TripletLoss.compute(embeddings, 0.5f).getFloat()).isCloseTo(4.5f, within(1e-6f));
            // All triplets satisfied: the loss is exactly 0.
            NDArray easy = m.create(new float[] {0, 0, 0, 0, 3, 0}, new Shape(3, 2));
            assertThat(TripletLoss.compute(easy, 0.2f).getFloat()).isZero();
        }
    }

    @Test
    void rowsMustComeInThrees() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray four = m.zeros(new Shape(4, 2));
            assertThatThrownBy(() -> TripletLoss.compute(four, 0.2f))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(4, 2)");
        }
    }

    @Test
    void weightDecayIsHalfTheSumOfSquaredWeightsTimesWd() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(2).optBias(true).build())
                    .add(BatchNorm.builder().build());
            block.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    a.set(new float[] {1, 2, 3, 4});
                } else {
                    a.set(java.nio.FloatBuffer.wrap(filled((int) a.size(), 10f)));  // bias and BN: never decayed
                }
            }
            WeightDecay decay = WeightDecay.of(block, 0.01);
            assertThat(decay.weightCount()).isEqualTo(1);
            // slim.l2_regularizer(0.01)(w) = 0.01 * (1 + 4 + 9 + 16) / 2 = 0.15
            assertThat(decay.penalty(m).getFloat()).isCloseTo(0.15f, within(1e-7f));
            assertThat(WeightDecay.of(block, 0).penalty(m).getFloat()).isZero();
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
