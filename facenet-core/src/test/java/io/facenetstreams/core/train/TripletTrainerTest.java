package io.facenetstreams.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.facenetstreams.core.RandomImages;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.NetworkArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TripletTrainerTest {

    /** small-cnn at its smallest input, 16-d: steps take milliseconds. */
    static final TrainingOptions TINY = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16)
            .withBatchSize(12).withSeed(5);

    @Test
    void batchesMustHoldWholeTripletsOfTheRightImageSize() {
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            assertThatThrownBy(() -> trainer.step(images(4, 1), 0.1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multiple of 3")
                    .hasMessageContaining("got 4");
            float[][] wrong = images(3, 1);
            wrong[2] = new float[7];
            assertThatThrownBy(() -> trainer.step(wrong, 0.1))
                    .hasMessageContaining("triplet image 2 has 7 values, expected 3 x 32 x 32 = 3072");
            assertThat(trainer.globalStep()).isZero();
        }
    }

    @Test
    void theStepsLossIsTheTripletLossOfItsTrainingModeEmbeddingsPlusWeightDecay() {
        TrainingOptions options = TINY.withWeightDecay(1e-3);
        float[][] batch = images(12, 3);
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            // Before the step: the batch's training-mode embeddings (one batch, as the step's forward pass).
            float[][] e = trainer.embed(batch, BatchNormMode.TRAINING);
            double expected = 0;
            for (int t = 0; t < 4; t++) {
                double pos = squaredDistance(e[3 * t], e[3 * t + 1]);
                double neg = squaredDistance(e[3 * t], e[3 * t + 2]);
                expected += Math.max(pos - neg + 0.2, 0) / 4;
            }
            StepResult r = trainer.step(batch, 0.05);
            assertThat(r.globalStep()).isEqualTo(1);
            assertThat(r.triplets()).isEqualTo(4);
            assertThat(r.learningRate()).isEqualTo(0.05);
            assertThat(r.tripletLoss()).isCloseTo(expected, within(1e-5));
            assertThat(r.regularizationLoss()).isGreaterThan(0);
            assertThat(r.totalLoss()).isCloseTo(r.tripletLoss() + r.regularizationLoss(), within(1e-6));
            assertThat(trainer.step(batch, 0.05).globalStep()).isEqualTo(2);
            assertThat(trainer.globalStep()).isEqualTo(2);
        }
    }

    @Test
    void theLossUsesTheMarginItIsGivenNotTheOptions() {
        float[][] batch = images(12, 3);
        double[] expected = new double[2];
        double[] actual = new double[2];
        double[] alphas = {0.2, 0.5};
        for (int k = 0; k < 2; k++) {
            // Twins: each alpha gets the same model before its step (the options say 0.2 for both).
            try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
                float[][] e = trainer.embed(batch, BatchNormMode.TRAINING);
                for (int t = 0; t < 4; t++) {
                    double pos = squaredDistance(e[3 * t], e[3 * t + 1]);
                    double neg = squaredDistance(e[3 * t], e[3 * t + 2]);
                    expected[k] += Math.max(pos - neg + alphas[k], 0) / 4;
                }
                actual[k] = trainer.step(batch, 0.05, alphas[k]).tripletLoss();
            }
        }
        assertThat(TINY.alpha()).isEqualTo(0.2);
        assertThat(actual[0]).isCloseTo(expected[0], within(1e-5));
        assertThat(actual[1]).isCloseTo(expected[1], within(1e-5));
        assertThat(actual[1]).isGreaterThan(actual[0]);
    }

    @Test
    void aMarginMustBeFiniteAndNotNegative() {
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            assertThatThrownBy(() -> trainer.step(images(3, 1), 0.1, -0.1)).hasMessageContaining("alpha");
            assertThatThrownBy(() -> trainer.step(images(3, 1), 0.1, Double.NaN)).hasMessageContaining("alpha");
            assertThat(trainer.globalStep()).isZero();
        }
    }

    @Test
    void sameSeedSameDataSameLossesBitForBit() {
        float[][][] batches = {images(12, 1), images(12, 2), images(12, 3)};
        double[] first = losses(batches);
        double[] second = losses(batches);
        assertThat(second).containsExactly(first);
    }

    private static double[] losses(float[][][] batches) {
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN,
                TINY.withOptimizer(OptimizerKind.ADAM).withWeightDecay(1e-4), Device.cpu())) {
            double[] losses = new double[batches.length];
            for (int i = 0; i < batches.length; i++) {
                losses[i] = trainer.step(batches[i], 0.01).totalLoss();
            }
            return losses;
        }
    }

    @Test
    void trainsOnAServiceThread() throws Exception {
        // libtorch enables autograd by default on new threads; the step must still update its parameters.
        double[][] losses = new double[1][];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                losses[0] = losses(new float[][][] {images(12, 1), images(12, 2), images(12, 3)});
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
        assertThat(losses[0]).containsExactly(losses(new float[][][] {images(12, 1), images(12, 2), images(12, 3)}));
    }

    @Test
    void resumingFromSavedStateContinuesTheSameRun() throws Exception {
        TrainingOptions options = TINY.withOptimizer(OptimizerKind.RMSPROP);
        float[][][] batches = {images(12, 1), images(12, 2), images(12, 3)};
        double uninterrupted;
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            for (float[][] b : batches) {
                trainer.step(b, 0.01);
            }
            uninterrupted = trainer.step(images(12, 4), 0.01).totalLoss();
        }
        Path dir = Files.createTempDirectory("resume");
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            for (float[][] b : batches) {
                trainer.step(b, 0.01);
            }
            try (var p = new java.io.DataOutputStream(Files.newOutputStream(dir.resolve("p")));
                    var o = new java.io.DataOutputStream(Files.newOutputStream(dir.resolve("o")))) {
                trainer.saveParameters(p);
                trainer.saveOptimizerState(o);
            }
        }
        try (var p = new java.io.DataInputStream(Files.newInputStream(dir.resolve("p")));
                var o = new java.io.DataInputStream(Files.newInputStream(dir.resolve("o")));
                TripletTrainer resumed = TripletTrainer.resume(NetworkArchitecture.SMALL_CNN, options, Device.cpu(), 3, p, o)) {
            assertThat(resumed.globalStep()).isEqualTo(3);
            StepResult r = resumed.step(images(12, 4), 0.01);
            assertThat(r.globalStep()).isEqualTo(4);
            assertThat(r.totalLoss()).isEqualTo(uninterrupted);
        }
    }

    @Test
    void hundredsOfStepsKeepNativeMemoryFlat() {
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            NDManager manager = trainer.network().djlModel().getNDManager();
            float[][] batch = images(12, 8);
            for (int i = 0; i < 80; i++) {  // the allocator and the heap reach their steady state
                trainer.step(batch, 0.01);
                trainer.embed(batch, BatchNormMode.TRAINING, true);
            }
            int arrays = manager.getManagedArrays().size();
            // Two equal windows: a leak grows the resident size in both; a one-off (the heap or the allocator
            // growing once, a JIT compile) shows in one window only, so the smaller growth is what is asserted.
            long[] growth = new long[2];
            for (int window = 0; window < 2; window++) {
                System.gc();  // the Java heap is part of the resident size: compare after collections
                long rss = residentKilobytes();
                for (int i = 0; i < 200; i++) {
                    trainer.step(batch, 0.01);
                    trainer.embed(batch, BatchNormMode.TRAINING, true);
                }
                System.gc();
                growth[window] = residentKilobytes() - rss;
            }
            assertThat(manager.getManagedArrays()).hasSize(arrays);
            // Leaking a step's activations (~1 MB here) would add ~200 MB per window; observed growth is < 2 MB.
            assertThat(Math.min(growth[0], growth[1])).as("resident KB growth per window: %s", java.util.Arrays.toString(growth))
                    .isLessThan(30_000);
        }
    }

    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return 0;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    static float[][] images(int n, long seed) {
        return RandomImages.of(n, RandomImages.SMALL, seed);
    }

    @Test
    void aStepWithANonFiniteLossIsNotAppliedAndTheModelIsKeptExactly() throws Exception {
        float[][] probe = images(6, 11);
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            trainer.step(images(12, 1), 0.05);
            // Inference mode reads the moving statistics too: equal embeddings mean weights and statistics are kept.
            float[][] before = trainer.embed(probe, BatchNormMode.INFERENCE);
            float[][] poisoned = images(12, 2);
            poisoned[4][17] = Float.NaN;
            StepResult rejected = trainer.step(poisoned, 0.05);
            assertThat(rejected.applied()).isFalse();
            assertThat(rejected.rejected()).contains("loss is NaN");
            assertThat(rejected.globalStep()).isEqualTo(1);
            assertThat(trainer.globalStep()).isEqualTo(1);
            assertThat(trainer.embed(probe, BatchNormMode.INFERENCE)).isDeepEqualTo(before);

            // The next finite step trains as if the rejected one had never happened.
            try (TripletTrainer twin = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
                twin.step(images(12, 1), 0.05);
                StepResult a = trainer.step(images(12, 3), 0.05);
                StepResult b = twin.step(images(12, 3), 0.05);
                assertThat(a.applied()).isTrue();
                assertThat(a.totalLoss()).isEqualTo(b.totalLoss());
                assertThat(trainer.embed(probe, BatchNormMode.INFERENCE)).isDeepEqualTo(twin.embed(probe, BatchNormMode.INFERENCE));
            }
        }
    }

    @Test
    void tooManyRejectedStepsInARowStopTraining() {
        float[][] poisoned = images(12, 2);
        poisoned[0][0] = Float.POSITIVE_INFINITY;
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            trainer.setMaxRejectedSteps(3);
            assertThat(trainer.step(poisoned, 0.05).applied()).isFalse();
            assertThat(trainer.step(images(12, 1), 0.05).applied()).isTrue();  // a good step resets the count
            assertThat(trainer.step(poisoned, 0.05).applied()).isFalse();
            assertThat(trainer.step(poisoned, 0.05).applied()).isFalse();
            assertThatThrownBy(() -> trainer.step(poisoned, 0.05))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("3 training steps in a row were rejected at global step 1");
            assertThat(trainer.globalStep()).isEqualTo(1);
        }
    }
}
