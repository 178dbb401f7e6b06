package io.facenetstreams.embedder;

import io.facenetstreams.service.ServiceWorker;
import io.facenetstreams.service.WorkerHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Liveness;

/** Live while the embedding thread works: DOWN when it died or every round has failed for a minute. */
@Liveness
@ApplicationScoped
public class EmbedderHealth extends WorkerHealthCheck {

    @Inject
    EmbedderService service;

    @Override
    protected ServiceWorker worker() {
        return service.worker();
    }

    @Override
    protected String name() {
        return "embedder";
    }
}
