package io.facenetstreams.trainer;

import io.facenetstreams.service.ServiceWorker;
import io.facenetstreams.service.WorkerHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the training thread works, and still once it has ended, by design, at max-steps (its checkpoints
 * stay served); DOWN when it died or every round has failed for a minute.
 */
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
