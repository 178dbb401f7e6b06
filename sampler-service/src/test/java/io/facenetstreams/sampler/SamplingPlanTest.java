package io.facenetstreams.sampler;

import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.schemas.BatchConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingPlanTest {

    @Test
    void theBatchConfigCarriesThePlanAndThePinnedImageSize() {
        SamplingPlan plan = new SamplingPlan("facenet", 45, 40, 666, 90, 360, 2, Duration.ofMinutes(10),
                MiningStrategy.VGGFACE, 0.2, true, true, false, true);

        BatchConfig config = plan.batchConfig(160);

        assertThat(config.getPeoplePerBatch()).isEqualTo(45);
        assertThat(config.getImagesPerPerson()).isEqualTo(40);
        assertThat(config.getSeed()).isEqualTo(666);
        assertThat(config.getImageSize()).isEqualTo(160);
        assertThat(config.getBatchSize()).isEqualTo(90);
        assertThat(config.getStrategy()).isEqualTo(MiningStrategy.VGGFACE.cliName());
        assertThat(config.getAlpha()).isEqualTo(0.2);
        assertThat(config.getBatchNormTraining()).isTrue();
        assertThat(config.getRandomCrop()).isTrue();
        assertThat(config.getRandomFlip()).isFalse();
        assertThat(config.getFixedStandardization()).isTrue();
    }
}
