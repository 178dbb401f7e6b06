package io.facenetstreams.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Each optimizer against TF 1.x's kernels (training_ops.cc, TF 1.x slot initial values), written out in
 * float64 numpy for w0 = [1, -2], gradients [0.5, -1], [0.1, 0.3], [-0.4, 0.2], lr 0.1 (Adadelta lr 1.0)
 * and facenet's constants; the script is quoted in each comment's formula. Float32 engine arithmetic
 * against float64 references: tolerance 1e-6.
 */
class TfOptimizersTest {

    private static final float[][] GRADIENTS = {{0.5f, -1f}, {0.1f, 0.3f}, {-0.4f, 0.2f}};

    @Test
    void adagradStartsItsAccumulatorAtPointOne() {
        // acc = 0.1; acc += g^2; w -= lr * g / sqrt(acc)
        assertThat(run(OptimizerKind.ADAGRAD, 0.1f)).containsExactly(
                new float[] {0.9542879274830046f, -1.9501880886796357f}, within(1e-6f));
    }

    @Test
    void adadeltaMatchesTf() {
        // a = .9a + .1g^2; u = sqrt(au + 1e-6) / sqrt(a + 1e-6) * g; w -= lr*u; au = .9au + .1u^2
        assertThat(run(OptimizerKind.ADADELTA, 1.0f)).containsExactly(
                new float[] {0.998839180498961f, -1.9991318703917302f}, within(1e-6f));
    }

    @Test
    void adamCorrectsTheStepAndAddsEpsilonOutsideTheRoot() {
        // lr_t = lr sqrt(1-.999^t)/(1-.9^t); m = .9m + .1g; v = .999v + .001g^2; w -= lr_t m / (sqrt(v) + 0.1)
        assertThat(run(OptimizerKind.ADAM, 0.1f)).containsExactly(
                new float[] {0.9736083949981149f, -1.9602173113923356f}, within(1e-6f));
    }

    @Test
    void rmsPropStartsItsMeanSquareAtOneWithEpsilonInsideTheRoot() {
        // ms = 1; ms = .9ms + .1g^2; mom = .9mom + lr g / sqrt(ms + 1.0); w -= mom
        assertThat(run(OptimizerKind.RMSPROP, 0.1f)).containsExactly(
                new float[] {0.9184051801521581f, -1.8644450566863011f}, within(1e-6f));
    }

    @Test
    void nesterovMomentumMatchesTf() {
        // acc = .9acc + g; w -= lr g + lr .9 acc; by hand: 1 -> 0.905 -> 0.8455 -> 0.87695
        assertThat(run(OptimizerKind.MOM, 0.1f)).containsExactly(new float[] {0.87695f, -1.7754f}, within(1e-6f));
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void savedStateContinuesExactlyAsAnUninterruptedRun(OptimizerKind kind) throws Exception {
        float[] uninterrupted = run(kind, 0.1f);
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = weight(manager);
            TfOptimizer first = kind.newOptimizer();
            first.setLearningRate(0.1f);
            step(first, w, GRADIENTS[0]);
            step(first, w, GRADIENTS[1]);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.saveState(new DataOutputStream(bytes), List.of(w));

            TfOptimizer second = kind.newOptimizer();
            second.setLearningRate(0.1f);
            assertThat(second.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    List.of(w), manager)).isTrue();
            step(second, w, GRADIENTS[2]);
            assertThat(w.getArray().toFloatArray()).containsExactly(uninterrupted, within(0f));
        }
    }

    @Test
    void stateOfAnotherOptimizerIsIgnored() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = weight(manager);
            TfOptimizer adam = OptimizerKind.ADAM.newOptimizer();
            adam.setLearningRate(0.1f);
            step(adam, w, GRADIENTS[0]);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.saveState(new DataOutputStream(bytes), List.of(w));
            TfOptimizer adagrad = OptimizerKind.ADAGRAD.newOptimizer();
            assertThat(adagrad.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    List.of(w), manager)).isFalse();
        }
    }

    @Test
    void namesAreTheReferences() {
        assertThat(OptimizerKind.fromName("rmsprop")).isEqualTo(OptimizerKind.RMSPROP);
        assertThatThrownBy(() -> OptimizerKind.fromName("SGD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ADAGRAD, ADADELTA, ADAM, RMSPROP, MOM");
    }

    /** Three steps with the gradients above (produced by autograd: loss = sum(w * g)). */
    private static float[] run(OptimizerKind kind, float lr) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = weight(manager);
            TfOptimizer optimizer = kind.newOptimizer();
            optimizer.setLearningRate(lr);
            for (float[] g : GRADIENTS) {
                step(optimizer, w, g);
            }
            return w.getArray().toFloatArray();
        }
    }

    private static Parameter weight(NDManager manager) {
        NDArray w = manager.create(new float[] {1f, -2f});
        w.setRequiresGradient(true);
        return Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(w).build();
    }

    private static void step(TfOptimizer optimizer, Parameter parameter, float[] g) {
        NDArray w = parameter.getArray();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(w.getManager().create(g)).sum());
        }
        try (NDArray grad = w.getGradient()) {
            assertThat(grad.toFloatArray()).containsExactly(g);  // the previous step's gradient was cleared
            optimizer.update(parameter.getId(), w, grad.duplicate());
        }
    }
}
