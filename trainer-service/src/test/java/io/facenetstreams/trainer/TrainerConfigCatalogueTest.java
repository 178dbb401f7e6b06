package io.facenetstreams.trainer;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.config.CatalogueCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** TrainerConfig and application.properties are a mapping onto the run's catalogue (RunOptions), defaults included. */
class TrainerConfigCatalogueTest {

    @Test
    void theConfigurationIsTheCatalogues() {
        assertThat(CatalogueCheck.problems(Stage.TRAINER, TrainerConfig.class)).isEmpty();
    }
}
