package io.facenetstreams.core.train;

import io.facenetstreams.core.model.NetworkArchitecture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingOptionsTest {

    @Test
    void defaultsAreTheReferences() {
        TrainingOptions d = TrainingOptions.defaults();
        assertThat(d.optimizer()).isEqualTo(OptimizerKind.ADAGRAD);
        assertThat(d.learningRate()).isEqualTo(0.1);
        assertThat(d.batchSize()).isEqualTo(90);
        assertThat(d.alpha()).isEqualTo(0.2);
        assertThat(d.embeddingSize()).isEqualTo(128);
        assertThat(d.epochSize()).isEqualTo(1000);
        assertThat(d.seed()).isEqualTo(666);
        assertThat(d.resolvedImageSize(NetworkArchitecture.INCEPTION_RESNET_V1)).isEqualTo(160);
        assertThat(d.resolvedImageSize(NetworkArchitecture.SMALL_CNN)).isEqualTo(64);
    }

    @Test
    void batchSizeMustBeAMultipleOfThree() {
        assertThatThrownBy(() -> TrainingOptions.defaults().withBatchSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch_size must be a positive multiple of 3")
                .hasMessageContaining("100");
    }

    @Test
    void roundTripsThroughTheReferencesNames() {
        TrainingOptions o = TrainingOptions.defaults().withOptimizer(OptimizerKind.ADAM).withLearningRate(0.002)
                .withWeightDecay(5e-4).withImageSize(96).withSeed(7);
        Map<String, String> map = o.toMap();
        assertThat(map).containsEntry("optimizer", "ADAM").containsEntry("weight_decay", "5.0E-4");
        assertThat(TrainingOptions.fromMap(map)).isEqualTo(o);
        assertThatThrownBy(() -> TrainingOptions.fromMap(Map.of("batchsize", "90")))
                .hasMessageContaining("unknown training option 'batchsize'");
        assertThatThrownBy(() -> TrainingOptions.fromMap(Map.of("alpha", "wide")))
                .hasMessageContaining("alpha: not a number: 'wide'");
    }
}
