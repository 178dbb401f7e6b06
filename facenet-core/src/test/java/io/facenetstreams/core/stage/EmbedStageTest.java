package io.facenetstreams.core.stage;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.FiniteEmbedding;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NoGradScope;
import io.facenetstreams.core.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedStageTest {

    private static final TrainingOptions TINY = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16)
            .withBatchSize(12).withSeed(5);
    private static final PreprocessingOptions RANDOM = PreprocessingOptions.training(32, true, true, Standardisation.PER_IMAGE);

    @TempDir
    Path root;

    private static EmbeddingModel model() {
        return EmbeddingModel.untrained(TINY.networkSpec(NetworkArchitecture.SMALL_CNN), 5, Device.cpu());
    }

    @Test
    void embedsTheReadableImagesAndReportsTheOthersByPosition() throws IOException {
        List<ImageBatchLoader.Source> sources = new ArrayList<>(StageImages.write(root, 4, 1));
        Files.writeString(root.resolve("p1/img.png"), "not a png");
        sources.add(ImageBatchLoader.Source.reference("nobody/missing.png", null));
        try (EmbeddingModel model = model()) {
            EmbedStage.Result r = new EmbedStage(DatasetRoot.of(root)).embed(sources, RANDOM, model, BatchNormMode.TRAINING,
                    12, EmbedStage.chunkKey(7, 3, 2));
            assertThat(r.rows().length).isEqualTo(5);
            assertThat(r.rows()[0]).hasSize(16);
            assertThat(r.rows()[1]).isNull();
            assertThat(r.rows()[4]).isNull();
            assertThat(r.unreadable()).extracting(ImageBatchLoader.Failure::position).containsExactly(1, 4);
            assertThat(r.nonFinite()).isEmpty();
            assertThat(r.embedded()).isEqualTo(3);
            assertThat(r.failures()).hasSize(2);
        }
    }

    @Test
    void theChunkKeyDrawsAsTheEmbedderServiceAlwaysDidAndTheBatchKeyAsTheBaseline() throws IOException {
        List<ImageBatchLoader.Source> sources = StageImages.write(root, 3, 2);
        ImageBatchLoader loader = new ImageBatchLoader(DatasetRoot.of(root), new ImagePreprocessor(RANDOM));
        try (EmbeddingModel model = model()) {
            EmbedStage stage = new EmbedStage(DatasetRoot.of(root));
            float[][] chunk = stage.embed(sources, RANDOM, model, BatchNormMode.INFERENCE, 12, EmbedStage.chunkKey(7, 3, 2)).rows();
            float[][] direct = model.embed(loader.load(sources, false, 7, Seeds.EMBED_STREAM, 3, 2).images(),
                    BatchNormMode.INFERENCE, false, 12);
            assertThat(chunk).isDeepEqualTo(direct);
            float[][] batch = stage.embed(sources, RANDOM, model, BatchNormMode.INFERENCE, 12, EmbedStage.batchKey(7, 3)).rows();
            assertThat(batch).isDeepEqualTo(model.embed(loader.load(sources, false, 7, Seeds.EMBED_STREAM, 3).images(),
                    BatchNormMode.INFERENCE, false, 12));
            assertThat(batch[0]).isNotEqualTo(chunk[0]);
        }
    }

    @Test
    void aModelGivingNonFiniteVectorsLeavesEveryImageOutWithTheReason() throws IOException {
        List<ImageBatchLoader.Source> sources = StageImages.write(root, 3, 3);
        try (EmbeddingModel model = model()) {
            try (NoGradScope noGrad = NoGradScope.open()) {
                noGrad.suppressNotUsedWarning();
                for (Parameter p : model.block().getParameters().values()) {
                    p.getArray().muli(Float.NaN);
                }
            }
            EmbedStage.Result r = new EmbedStage(DatasetRoot.of(root)).embed(sources, RANDOM, model, BatchNormMode.TRAINING,
                    12, EmbedStage.batchKey(1, 0));
            assertThat(r.retried()).isTrue();
            assertThat((Object[]) r.rows()).containsOnlyNulls();
            assertThat(r.nonFinite()).extracting(ImageBatchLoader.Failure::position).containsExactly(0, 1, 2);
            assertThat(r.nonFinite()).extracting(ImageBatchLoader.Failure::reason).containsOnly(FiniteEmbedding.Result.REASON);
            assertThat(r.nonFinite().get(0).image()).isEqualTo("p0/img.png");
        }
    }

    @Test
    void whenEveryImageIsUnreadableNothingIsEmbedded() {
        List<ImageBatchLoader.Source> sources = List.of(ImageBatchLoader.Source.reference("a/missing.png", null));
        try (EmbeddingModel model = model()) {
            EmbedStage.Result r = new EmbedStage(DatasetRoot.of(root)).embed(sources, RANDOM, model, BatchNormMode.TRAINING,
                    12, EmbedStage.batchKey(1, 0));
            assertThat((Object[]) r.rows()).containsOnlyNulls();
            assertThat(r.unreadable()).hasSize(1);
            assertThat(r.retried()).isFalse();
        }
    }
}
