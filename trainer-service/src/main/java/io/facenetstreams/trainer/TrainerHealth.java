package io.facenetstreams.trainer;

import io.facenetstreams.service.ServiceWorker;
import io.facenetstreams.service.WorkerHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the training thread runs (it ends, by design, when max-steps is reached). */
@Readiness
@ApplicationScoped
public class TrainerHealth extends WorkerHealthCheck {

    @Inject
    TrainerService service;

    @Override
    protected ServiceWorker worker() {
        return service.worker();
    }

    @Override
    protected String name() {
        return "trainer";
    }
}
