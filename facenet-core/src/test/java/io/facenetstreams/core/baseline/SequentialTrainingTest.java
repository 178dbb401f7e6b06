package io.facenetstreams.core.baseline;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GeneratorOptions;
import io.facenetstreams.core.synth.ProgressListener;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.eval.LfwValidation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference's loop in one process on a tiny generated set: steps, checkpoints and evaluations where expected. */
class SequentialTrainingTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void generate() throws IOException {
        new FaceDatasetGenerator(new GeneratorOptions(10, 6, 8, 2, 8, 32, 5, 0.5, 2)).generate(data, ProgressListener.NONE);
    }

    private static SequentialOptions options(Path models, SelectionMode selection, long maxSteps, long checkpointEvery,
                                             int epochSize) {
        TrainingOptions training = TrainingOptions.defaults().withEpochSize(epochSize).withImageSize(32)
                .withEmbeddingSize(16).withBatchSize(15).withSeed(666);
        return new SequentialOptions(data.resolve("train"), data.resolve("lfw"), data.resolve("pairs.txt"), models, null,
                NetworkArchitecture.SMALL_CNN, training, 5, 4, 100, false, false, Standardisation.PER_IMAGE, selection,
                MiningStrategy.VGGFACE, BatchNormMode.TRAINING, 2, maxSteps, checkpointEvery, true,
                LfwValidation.Options.defaults().withFolds(2));
    }

    @Test
    void trainsToTheStepBudgetCheckpointingAndEvaluatingOnSchedule(@TempDir Path models) throws IOException {
        List<Long> steps = new ArrayList<>();
        List<Long> evaluated = new ArrayList<>();
        List<Long> checkpoints = new ArrayList<>();
        SequentialTraining.Result result = new SequentialTraining(options(models, SelectionMode.LITERAL, 9, 3, 1000),
                new SequentialListener() {
                    @Override
                    public void onStep(int epoch, int batchNumber, int epochSize, StepResult r) {
                        steps.add(r.globalStep());
                        assertThat(Double.isFinite(r.totalLoss())).isTrue();
                    }

                    @Override
                    public void onCheckpoint(CheckpointInfo c) {
                        checkpoints.add(c.version());
                    }

                    @Override
                    public void onEvaluation(long step, int epoch, LfwValidation.Result r) {
                        evaluated.add(step);
                        assertThat(r.evaluation().accuracyMean()).isBetween(0.0, 1.0);
                    }
                }).run();
        assertThat(steps).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(checkpoints).containsExactly(3L, 6L, 9L);
        assertThat(evaluated).as("the untrained network first, then each checkpoint").containsExactly(0L, 3L, 6L, 9L);
        assertThat(result.steps()).isEqualTo(9);
        assertThat(result.curve()).hasSize(4);
        assertThat(new CheckpointStore(result.lastCheckpoint().path().getParent()).list())
                .as("keep the last 2").extracting(CheckpointInfo::version).containsExactly(6L, 9L);
    }

    @Test
    void withoutCheckpointEveryItCheckpointsAtEpochEndsAsTheReference(@TempDir Path models) throws IOException {
        List<Long> checkpoints = new ArrayList<>();
        new SequentialTraining(options(models, SelectionMode.FAST, 8, 0, 4), new SequentialListener() {
            @Override
            public void onCheckpoint(CheckpointInfo c) {
                checkpoints.add(c.version());
            }
        }).run();
        // Epochs end when at least epoch_size steps were taken (the reference finishes a people-batch's triplets first).
        assertThat(checkpoints).isNotEmpty();
        assertThat(checkpoints.get(checkpoints.size() - 1)).isGreaterThanOrEqualTo(8L);
        assertThat(checkpoints).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(4L));
    }
}
