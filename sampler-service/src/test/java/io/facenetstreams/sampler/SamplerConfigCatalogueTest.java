package io.facenetstreams.sampler;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.config.CatalogueCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SamplerConfig and application.properties are a mapping onto the run's catalogue (RunOptions), defaults included. */
class SamplerConfigCatalogueTest {

    @Test
    void theConfigurationIsTheCatalogues() {
        assertThat(CatalogueCheck.problems(Stage.SAMPLER, SamplerConfig.class)).isEmpty();
    }
}
