package io.facenetstreams.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.facenetstreams.core.RandomImages;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NetworksTest {

    @Test
    void architecturesHaveCliNamesAndDefaultSizes() {
        assertThat(NetworkArchitecture.fromName("inception-resnet-v1")).isEqualTo(NetworkArchitecture.INCEPTION_RESNET_V1);
        assertThat(NetworkArchitecture.fromName("Small_CNN")).isEqualTo(NetworkArchitecture.SMALL_CNN);
        assertThat(NetworkArchitecture.INCEPTION_RESNET_V1.defaultImageSize()).isEqualTo(160);
        assertThat(NetworkArchitecture.SMALL_CNN.defaultImageSize()).isEqualTo(64);
        assertThatThrownBy(() -> NetworkArchitecture.fromName("resnet50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inception-resnet-v1, small-cnn");
        assertThatThrownBy(() -> new NetworkSpec(NetworkArchitecture.INCEPTION_RESNET_V1, 128, 64, 1f))
                .hasMessageContaining("too small");
    }

    @Test
    void l2NormalisationIsTfs() {
        try (NDManager m = NDManager.newBaseManager()) {
            // (3,4) -> (0.6, 0.8); (0,0) stays 0; (1e-6, 0): sum 1e-12 is floored at 1e-10, so 1e-6 / 1e-5 = 0.1.
            NDArray x = m.create(new float[] {3, 4, 0, 0, 1e-6f, 0}, new Shape(3, 2));
            assertThat(Layers.l2Normalize(x).toFloatArray())
                    .containsExactly(new float[] {0.6f, 0.8f, 0, 0, 0.1f, 0}, within(1e-6f));
        }
    }

    @Test
    void batchNormMovingAveragesUseFacenetsDecay() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block bn = Layers.batchNorm();
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 1));
            // One training pass over [1, 3]: batch mean 2, unbiased variance 2.
            // TF: moving = moving * 0.995 + batch * 0.005 -> mean 0.01, variance 1 * 0.995 + 2 * 0.005 = 1.005.
            bn.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {1, 3}, new Shape(2, 1))), true);
            float mean = 0;
            float var = 0;
            for (Pair<String, Parameter> p : bn.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    mean = p.getValue().getArray().getFloat(0);
                } else if (p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                    var = p.getValue().getArray().getFloat(0);
                }
            }
            assertThat(mean).isCloseTo(0.01f, within(1e-7f));
            assertThat(var).isCloseTo(1.005f, within(1e-6f));
        }
    }

    @Test
    void inceptionResNetV1HasFacenetsParameterCount() {
        // Counted independently from facenet's variables (TF-slim: conv weights without bias + BN beta and
        // moving mean/variance, no gamma; the blocks' 1x1 "up" convolutions with bias and without BN;
        // bottleneck 1792 x 128 + BN): weights 22,743,904, biases 20,992, betas 14,416, moving 28,832.
        try (EmbeddingModel model = EmbeddingModel.untrained(NetworkSpec.of(NetworkArchitecture.INCEPTION_RESNET_V1, 128), 1)) {
            ParameterCount count = model.parameterCount();
            assertThat(count.trainable()).isEqualTo(22_743_904L + 20_992 + 14_416);
            assertThat(count.movingStatistics()).isEqualTo(28_832L);
            assertThat(count.facenetEquivalent()).isEqualTo(22_808_144L);
            assertThat(count.fixed()).isEqualTo(14_416L);  // DJL's gamma, kept at 1
        }
    }

    @Test
    void inceptionResNetV1EmbedsOneFaceAt160Pixels() {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.INCEPTION_RESNET_V1, 64, 160, 0.8f);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 3)) {
            float[][] e = model.embed(randomImages(1, spec, 5), BatchNormMode.INFERENCE);
            assertThat(e).hasDimensions(1, 64);
            assertThat(norm(e[0])).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void smallCnnShapesAndParameterCount() {
        // By hand for stages 24 | 48 | 96, 96 | 192 and a 128-d bottleneck: weights 3*3*(3*24 + 24*48 + 48*96
        // + 96*96 + 96*192) + 192*128 = 325,896; BN betas 24+48+96+96+192+128 = 584; moving 2 * 584.
        NetworkSpec spec = NetworkSpec.of(NetworkArchitecture.SMALL_CNN, 128);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            assertThat(model.parameterCount()).isEqualTo(new ParameterCount(325_896L + 584, 1_168L, 584L));
            float[][] e = model.embed(randomImages(5, spec, 1), BatchNormMode.TRAINING);
            assertThat(e).hasDimensions(5, 128);
            for (float[] row : e) {
                assertThat(norm(row)).isCloseTo(1.0, within(1e-5));
            }
        }
        NetworkSpec at96 = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 32, 96, 1f);
        try (EmbeddingModel model = EmbeddingModel.untrained(at96, 1)) {
            assertThat(model.embed(randomImages(2, at96, 1), BatchNormMode.INFERENCE)).hasDimensions(2, 32);
        }
    }

    @Test
    void xavierWeightsAreBoundedSeededAndReproducible() {
        NetworkSpec spec = NetworkSpec.of(NetworkArchitecture.SMALL_CNN, 16);
        float[][] images = randomImages(4, spec, 9);
        try (EmbeddingModel a = EmbeddingModel.untrained(spec, 42);
                EmbeddingModel b = EmbeddingModel.untrained(spec, 42);
                EmbeddingModel c = EmbeddingModel.untrained(spec, 43)) {
            assertThat(a.embed(images, BatchNormMode.INFERENCE)).isDeepEqualTo(b.embed(images, BatchNormMode.INFERENCE));
            assertThat(a.embed(images, BatchNormMode.INFERENCE)).isNotEqualTo(c.embed(images, BatchNormMode.INFERENCE));
            for (Pair<String, Parameter> p : a.block().getParameters()) {
                if (p.getValue().getType() != Parameter.Type.WEIGHT) {
                    continue;
                }
                Shape s = p.getValue().getArray().getShape();
                long receptive = s.dimension() > 2 ? s.slice(2).size() : 1;
                double limit = Math.sqrt(6.0 / ((s.get(0) + s.get(1)) * receptive));
                float[] w = p.getValue().getArray().toFloatArray();
                double sumSq = 0;
                for (float v : w) {
                    assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limit);
                    sumSq += v * v;
                }
                if (w.length > 10_000) {  // uniform(-l, l) has variance l^2 / 3
                    assertThat(sumSq / w.length).isCloseTo(limit * limit / 3, within(limit * limit * 0.03));
                }
            }
        }
    }

    @Test
    void flippedEmbeddingsAppendTheMirrorImagesEmbedding() {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f);
        float[][] images = randomImages(3, spec, 2);
        float[][] mirrored = new float[3][];
        int s = spec.imageSize();
        for (int i = 0; i < 3; i++) {
            mirrored[i] = new float[images[i].length];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        mirrored[i][(c * s + y) * s + x] = images[i][(c * s + y) * s + (s - 1 - x)];
                    }
                }
            }
        }
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            float[][] both = model.embed(images, BatchNormMode.INFERENCE, true);
            float[][] plain = model.embed(images, BatchNormMode.INFERENCE);
            float[][] ofMirror = model.embed(mirrored, BatchNormMode.INFERENCE);
            assertThat(both).hasDimensions(3, 16);
            for (int i = 0; i < 3; i++) {
                assertThat(java.util.Arrays.copyOfRange(both[i], 0, 8)).containsExactly(plain[i], within(1e-6f));
                assertThat(java.util.Arrays.copyOfRange(both[i], 8, 16)).containsExactly(ofMirror[i], within(1e-6f));
            }
        }
    }

    @Test
    void trainingModeUsesBatchStatisticsAndUpdatesMovingAverages() {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f);
        float[][] images = randomImages(6, spec, 4);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            float[][] before = model.embed(images, BatchNormMode.INFERENCE);
            assertThat(model.embed(images, BatchNormMode.INFERENCE)).isDeepEqualTo(before);  // inference changes nothing
            float[][] training = model.embed(images, BatchNormMode.TRAINING, false, 3);
            assertThat(training).isNotEqualTo(before);
            // Batch statistics: an image's training-mode embedding depends on its batch mates.
            float[][] otherBatching = model.embed(images, BatchNormMode.TRAINING, false, 2);
            assertThat(otherBatching[0]).isNotEqualTo(training[0]);
            // As TF's phase_train=True pass, the training-mode passes moved the moving averages.
            assertThat(model.embed(images, BatchNormMode.INFERENCE)).isNotEqualTo(before);
        }
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f);
        float[][] images = randomImages(6, spec, 4);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            model.embed(images, BatchNormMode.TRAINING);  // moves the moving statistics away from their start
            float[][] before = model.embed(images, BatchNormMode.INFERENCE);
            try (EmbeddingModel copy = model.copy()) {
                assertThat(copy.embed(images, BatchNormMode.INFERENCE)).isDeepEqualTo(before);
                model.embed(images, BatchNormMode.TRAINING);  // changes the original only
                assertThat(copy.embed(images, BatchNormMode.INFERENCE)).isDeepEqualTo(before);
                assertThat(model.embed(images, BatchNormMode.INFERENCE)).isNotEqualTo(before);
            }
        }
    }

    @Test
    void imagesOfTheWrongLengthAreRejected() {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            assertThatThrownBy(() -> model.embed(new float[][] {new float[3 * 32 * 32], new float[10]}, BatchNormMode.INFERENCE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 1 has 10 values, expected 3 x 32 x 32 = 3072");
        }
    }

    @Test
    void embeddingOnAServiceThreadRecordsNoGraph() throws Exception {
        NetworkSpec spec = new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f);
        try (EmbeddingModel model = EmbeddingModel.untrained(spec, 1)) {
            float[][] images = randomImages(2, spec, 1);
            float[][] here = model.embed(images, BatchNormMode.INFERENCE);
            boolean[] observed = new boolean[4];
            float[][][] there = new float[1][][];
            Thread t = new Thread(() -> {
                observed[0] = JniUtils.isGradMode();  // libtorch: on by default in a new thread
                try (NoGradScope noGrad = NoGradScope.open()) {
                    observed[1] = JniUtils.isGradMode();  // off inside the scope
                    try (NoGradScope nested = NoGradScope.open()) {
                        observed[2] = JniUtils.isGradMode();
                    }
                }
                there[0] = model.embed(images, BatchNormMode.INFERENCE);
                observed[3] = JniUtils.isGradMode();  // restored
            });
            t.start();
            t.join();
            assertThat(observed).containsExactly(true, false, false, true);
            assertThat(there[0]).isDeepEqualTo(here);
        }
    }

    static float[][] randomImages(int n, NetworkSpec spec, long seed) {
        return RandomImages.of(n, spec.imageLength(), seed);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
