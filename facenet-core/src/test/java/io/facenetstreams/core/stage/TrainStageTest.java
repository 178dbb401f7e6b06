package io.facenetstreams.core.stage;

import ai.djl.Device;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletBatchSteps;
import io.facenetstreams.core.train.TripletTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainStageTest {

    private static final TrainingOptions TINY = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16)
            .withBatchSize(12).withSeed(5);
    private static final PreprocessingOptions RANDOM = PreprocessingOptions.training(32, true, true, Standardisation.PER_IMAGE);

    @TempDir
    Path root;

    @Test
    void trainsOnTheIndexedImagesWithTheGivenMarginAndTheKeysDraws() throws IOException {
        List<ImageBatchLoader.Source> images = StageImages.write(root, 5, 1);
        int[] indices = {0, 1, 2, 3, 4, 0, 1, 0, 4, 2, 3, 1};
        double alpha = 0.7;
        long key = TrainStage.partKey(9, 2);
        List<StepResult> results = new ArrayList<>();
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu());
             TripletTrainer twin = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, TINY, Device.cpu())) {
            TripletBatchSteps.Outcome outcome = new TrainStage(DatasetRoot.of(root)).train(trainer,
                    new TripletImages(images, indices), RANDOM, alpha, step -> 0.05, 5, key, 0, report -> {
                        results.add(report.result());
                        return true;
                    });
            assertThat(outcome.stepsTrained()).isEqualTo(1);

            // The same step by hand: the images in (a, p, n) order, drawn at (seed, key, step 0), loss with alpha.
            List<ImageBatchLoader.Source> sources = new ArrayList<>();
            for (int i : indices) {
                sources.add(images.get(i));
            }
            float[][] loaded = new ImageBatchLoader(DatasetRoot.of(root), new ImagePreprocessor(RANDOM))
                    .load(sources, false, 5, key, 0).images();
            StepResult expected = twin.step(loaded, 0.05, alpha);
            assertThat(results).hasSize(1);
            assertThat(results.get(0).tripletLoss()).isEqualTo(expected.tripletLoss());
            assertThat(results.get(0).triplets()).isEqualTo(4);
        }
    }

    @Test
    void theKeysAreTheTrainStreamsOfABatchAndOfAPart() {
        assertThat(TrainStage.batchKey(4)).isEqualTo(Seeds.derive(Seeds.TRAIN_STREAM, 4));
        assertThat(TrainStage.partKey(4, 1)).isEqualTo(Seeds.derive(Seeds.TRAIN_STREAM, 4, 1));
    }

    @Test
    void tripletIndicesMustComeInThreesAndStayInTheList() {
        List<ImageBatchLoader.Source> two = List.of(ImageBatchLoader.Source.reference("a", null),
                ImageBatchLoader.Source.reference("b", null));
        assertThatThrownBy(() -> new TripletImages(two, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threes");
        assertThatThrownBy(() -> new TripletImages(two, new int[] {0, 1, 0, 1, 0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("triplet 1 refers to image 2 of 2");
        assertThat(new TripletImages(two, new int[] {1, 0, 0}).sources()).extracting(ImageBatchLoader.Source::reference)
                .containsExactly("b", "a", "a");
    }
}
