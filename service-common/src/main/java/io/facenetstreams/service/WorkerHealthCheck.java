package io.facenetstreams.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Health of a service as its worker sees it: UP while the worker runs or has finished its work, DOWN when it
 * died, was stopped, or every round has failed for longer than its threshold. The data says which
 * ({@code state}), with the error count, the last error and, for a dead worker, why it died, so that
 * {@code ./facenet up} can say why a stalled pipeline stalls. Each service subclasses it as a health bean
 * naming its worker.
 */
public abstract class WorkerHealthCheck implements HealthCheck {

    /** The service's worker, or null before it started. */
    protected abstract ServiceWorker worker();

    protected abstract String name();

    @Override
    public HealthCheckResponse call() {
        ServiceWorker worker = worker();
        if (worker == null) {
            return HealthCheckResponse.named(name()).down()
                    .withData("state", ServiceWorker.State.STARTING.name())
                    .withData("errors", 0)
                    .withData("lastError", "")
                    .build();
        }
        ServiceWorker.Status status = worker.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name())
                .status(status.state().isUp())
                .withData("state", status.state().name())
                .withData("errors", status.errors())
                .withData("lastError", status.lastError() == null ? "" : status.lastError());
        if (status.deathReason() != null) {
            response.withData("reason", status.deathReason());
        }
        if (status.failingSince() != null) {
            response.withData("failingSince", status.failingSince().toString());
        }
        return response.build();
    }
}
