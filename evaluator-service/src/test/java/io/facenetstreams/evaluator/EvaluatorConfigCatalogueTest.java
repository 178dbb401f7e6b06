package io.facenetstreams.evaluator;

import io.facenetstreams.core.config.Stage;
import io.facenetstreams.service.config.CatalogueCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** EvaluatorConfig and application.properties are a mapping onto the run's catalogue (RunOptions), defaults included. */
class EvaluatorConfigCatalogueTest {

    @Test
    void theConfigurationIsTheCatalogues() {
        assertThat(CatalogueCheck.problems(Stage.EVALUATOR, EvaluatorConfig.class)).isEmpty();
    }
}
