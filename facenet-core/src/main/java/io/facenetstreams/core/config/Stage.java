package io.facenetstreams.core.config;

import java.util.Locale;

/** The pipeline's stages, each a service that reads some of the run's options. */
public enum Stage {
    SAMPLER,
    EMBEDDER,
    MINER,
    TRAINER,
    EVALUATOR;

    /** The service's name, as in its module and in docker-compose ({@code sampler-service}). */
    public String service() {
        return name().toLowerCase(Locale.ROOT) + "-service";
    }
}
