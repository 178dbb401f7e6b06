package io.facenetstreams.stack;

import io.facenetstreams.core.config.Stage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineSettingsTest {

    private static PipelineSettings settings(Map<String, String> training) {
        return new PipelineSettings(Path.of("/d/train"), Path.of("/d/lfw"), Path.of("/d/pairs.txt"), "small-cnn", training,
                0, 200, 5, 30, 10, 180, 2, "vggface", false, true, 10);
    }

    /** The properties each service got before they were named by the catalogue, spelled out. */
    @Test
    void eachServiceGetsItsPropertiesUnderTheCataloguesNames() {
        Map<String, String> training = new LinkedHashMap<>();
        training.put("batch_size", "90");
        training.put("seed", "666");
        training.put("alpha", "0.2");
        training.put("epoch_size", "100");
        Map<PipelineService, Map<String, String>> props = settings(training).serviceProperties();
        assertThat(props.get(PipelineService.TRAINER)).isEqualTo(Map.of(
                "facenet.data-dir", "/d/train",
                "facenet.trainer.architecture", "small-cnn",
                "facenet.trainer.checkpoint-every", "0",
                "facenet.trainer.max-steps", "200",
                "facenet.trainer.max-staleness", "5",
                "facenet.trainer.options.batch_size", "90",
                "facenet.trainer.options.seed", "666",
                "facenet.trainer.options.alpha", "0.2",
                "facenet.trainer.options.epoch_size", "100"));
        assertThat(props.get(PipelineService.SAMPLER)).isEqualTo(Map.ofEntries(
                Map.entry("facenet.data-dir", "/d/train"),
                Map.entry("facenet.sampler.people-per-batch", "30"),
                Map.entry("facenet.sampler.images-per-person", "10"),
                Map.entry("facenet.sampler.seed", "666"),
                Map.entry("facenet.sampler.batch-size", "90"),
                Map.entry("facenet.sampler.chunk-size", "180"),
                Map.entry("facenet.sampler.max-in-flight-batches", "2"),
                Map.entry("facenet.sampler.strategy", "vggface"),
                Map.entry("facenet.sampler.alpha", "0.2"),
                Map.entry("facenet.sampler.random-crop", "false"),
                Map.entry("facenet.sampler.random-flip", "true")));
        assertThat(props.get(PipelineService.EMBEDDER)).isEqualTo(Map.of(
                "facenet.data-dir", "/d/train", "ai.djl.pytorch.num_threads", "1"));
        assertThat(props.get(PipelineService.EVALUATOR)).isEqualTo(Map.of(
                "facenet.evaluator.lfw-dir", "/d/lfw",
                "facenet.evaluator.pairs", "/d/pairs.txt",
                "facenet.evaluator.folds", "10",
                "facenet.evaluator.batch-size", "90",
                "ai.djl.pytorch.num_threads", "1"));
        assertThat(props.get(PipelineService.MINER)).isEqualTo(Map.of("facenet.miner.selector-threads", "1"));
    }

    @Test
    void sharedTrainingOptionsMustBeGiven() {
        assertThatThrownBy(() -> settings(Map.of("batch_size", "90", "seed", "1")))
                .hasMessageContaining("'alpha' must be given");
    }

    @Test
    void everyPipelineServiceIsAStage() {
        for (PipelineService s : PipelineService.values()) {
            assertThat(Stage.valueOf(s.name()).service()).isEqualTo(s.module());
        }
    }
}
