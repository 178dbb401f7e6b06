package io.facenetstreams.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Liveness of a service: up while its worker thread runs, with the error count and the last error. Each
 * service subclasses it as a {@code @Liveness} bean naming its worker.
 */
public abstract class WorkerHealthCheck implements HealthCheck {

    /** The service's worker, or null before it started. */
    protected abstract ServiceWorker worker();

    protected abstract String name();

    @Override
    public HealthCheckResponse call() {
        ServiceWorker worker = worker();
        String lastError = worker == null ? null : worker.lastError();
        return HealthCheckResponse.named(name())
                .status(worker != null && worker.isAlive())
                .withData("errors", worker == null ? 0 : worker.errors())
                .withData("lastError", lastError == null ? "" : lastError)
                .build();
    }
}
