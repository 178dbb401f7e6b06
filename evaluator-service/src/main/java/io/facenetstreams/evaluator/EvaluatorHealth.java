package io.facenetstreams.evaluator;

import io.facenetstreams.service.ServiceWorker;
import io.facenetstreams.service.WorkerHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Liveness;

/** Live while the evaluation thread works: DOWN when it died or every round has failed for a minute. */
@Liveness
@ApplicationScoped
public class EvaluatorHealth extends WorkerHealthCheck {

    @Inject
    EvaluatorService service;

    @Override
    protected ServiceWorker worker() {
        return service.worker();
    }

    @Override
    protected String name() {
        return "evaluator";
    }
}
