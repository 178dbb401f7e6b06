package io.facenetstreams.miner;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.config.CatalogueCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MinerConfig and application.properties are a mapping onto the run's catalogue (RunOptions), defaults included. */
class MinerConfigCatalogueTest {

    @Test
    void theConfigurationIsTheCatalogues() {
        assertThat(CatalogueCheck.problems(Stage.MINER, MinerConfig.class)).isEmpty();
    }
}
