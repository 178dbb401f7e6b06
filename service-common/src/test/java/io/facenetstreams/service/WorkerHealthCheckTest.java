package io.facenetstreams.service;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.facenetstreams.service.ServiceWorkerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

class WorkerHealthCheckTest {

    @Test
    void noWorkerYetIsDown() {
        HealthCheckResponse response = health(null).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("state", "STARTING");
    }

    @Test
    void aDeadWorkerIsDownWithTheReason() throws Exception {
        ServiceWorker worker = new ServiceWorker("embedder-1", () -> {
            throw new StackOverflowError();
        }, null).onFatal((name, error) -> { }).start();
        await(() -> !worker.isAlive());

        HealthCheckResponse response = health(worker).call();

        assertThat(response.getName()).isEqualTo("embedder");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("state", "DEAD").containsEntry("errors", 1L)
                .containsEntry("reason", "worker died: java.lang.StackOverflowError");
        assertThat((String) data(response).get("lastError")).contains("StackOverflowError");
    }

    @Test
    void aFailingWorkerIsDownWithTheLastErrorAndUpAgainAfterASuccess() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        ServiceWorker worker = new ServiceWorker("sampler", () -> {
            if (broken.get()) {
                throw new IllegalStateException("miner refuses the batch");
            }
            Thread.sleep(20);
            return true;
        }, null).failingAfter(Duration.ofMillis(200)).start();
        try {
            await(() -> worker.state() == ServiceWorker.State.FAILING);
            HealthCheckResponse failing = health(worker).call();
            assertThat(failing.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(data(failing)).containsEntry("state", "FAILING").containsKey("failingSince");
            assertThat((String) data(failing).get("lastError")).contains("miner refuses the batch");

            broken.set(false);
            await(() -> worker.state() == ServiceWorker.State.RUNNING);
            HealthCheckResponse recovered = health(worker).call();
            assertThat(recovered.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(data(recovered)).containsEntry("state", "RUNNING").doesNotContainKey("failingSince");
        } finally {
            worker.stop(5_000);
        }
    }

    @Test
    void aWorkerThatFinishedStaysUp() throws Exception {
        ServiceWorker worker = new ServiceWorker("trainer", () -> false, null).start();
        await(() -> !worker.isAlive());
        HealthCheckResponse response = health(worker).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("state", "DONE").containsEntry("errors", 0L);
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    private static WorkerHealthCheck health(ServiceWorker worker) {
        return new WorkerHealthCheck() {
            @Override
            protected ServiceWorker worker() {
                return worker;
            }

            @Override
            protected String name() {
                return "embedder";
            }
        };
    }
}
