package io.facenetstreams.embedder;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.config.CatalogueCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** EmbedderConfig and application.properties are a mapping onto the run's catalogue (RunOptions), defaults included. */
class EmbedderConfigCatalogueTest {

    @Test
    void theConfigurationIsTheCatalogues() {
        assertThat(CatalogueCheck.problems(Stage.EMBEDDER, EmbedderConfig.class)).isEmpty();
    }
}
