package io.facenetstreams.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceWorkerTest {

    @Test
    void aFailingRoundIsCountedAndTheLoopGoesOn() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        ServiceWorker worker = new ServiceWorker("test", () -> {
            int round = rounds.incrementAndGet();
            if (round == 1) {
                throw new IllegalStateException("bad record");
            }
            if (round == 3) {
                third.countDown();
            }
            return round < 3;
        }, null).start();

        assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
        worker.stop(5_000);
        assertThat(worker.errors()).isEqualTo(1);
        assertThat(worker.lastError()).contains("bad record");
        assertThat(worker.isAlive()).isFalse();
        assertThat(rounds.get()).as("the body's false ends the loop").isEqualTo(3);
    }

    @Test
    void stopLetsTheRoundFinishThenCleansUpAndClosesResourcesInReverseOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch inRound = new CountDownLatch(1);
        ServiceWorker worker = new ServiceWorker("test", () -> {
            inRound.countDown();
            Thread.sleep(200);
            events.add("round ended");
            return true;
        }, () -> events.add("onStop"))
                .closingAfterStop(() -> events.add("close feed"), () -> events.add("close cache"));
        worker.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

        worker.stop(5_000);

        assertThat(events).last().isEqualTo("close feed");
        assertThat(events.subList(events.size() - 4, events.size()))
                .containsExactly("round ended", "onStop", "close cache", "close feed");
        assertThat(worker.errors()).as("not interrupted mid-round").isZero();
    }

    @Test
    void anErrorIsFatalTheWorkerIsMarkedDeadAndTheHandlerRunsOnce() throws Exception {
        List<String> fatal = new CopyOnWriteArrayList<>();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        ServiceWorker worker = new ServiceWorker("embedder-2", () -> {
            rounds.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        }, cleanedUp::countDown).onFatal((name, error) -> fatal.add(name + ": " + error)).start();

        assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).as("the loop ends and cleans up").isTrue();
        await(() -> !worker.isAlive());
        assertThat(fatal).containsExactly("embedder-2: java.lang.OutOfMemoryError: Java heap space");
        assertThat(rounds.get()).as("no retry after a fatal error").isEqualTo(1);
        ServiceWorker.Status status = worker.status();
        assertThat(status.state()).isEqualTo(ServiceWorker.State.DEAD);
        assertThat(status.state().isUp()).isFalse();
        assertThat(status.deathReason()).isEqualTo("worker died: java.lang.OutOfMemoryError: Java heap space");
        assertThat(status.errors()).isEqualTo(1);
        assertThat(status.lastError()).contains("OutOfMemoryError");
        worker.stop(1_000);
        assertThat(worker.state()).as("stopping a dead worker keeps it dead").isEqualTo(ServiceWorker.State.DEAD);
    }

    @Test
    void anExceptionTheServiceDeclaresFatalEndsTheWorkerWithoutARetry() throws Exception {
        List<String> fatal = new CopyOnWriteArrayList<>();
        AtomicInteger rounds = new AtomicInteger();
        ServiceWorker worker = new ServiceWorker("trainer", () -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("5 training steps in a row were rejected");
        }, null).fatalOn(IllegalStateException.class).onFatal((name, error) -> fatal.add(name + ": " + error)).start();
        await(() -> !worker.isAlive());
        assertThat(rounds.get()).isEqualTo(1);
        assertThat(fatal).singleElement().asString().contains("5 training steps in a row were rejected");
        assertThat(worker.status().state()).isEqualTo(ServiceWorker.State.DEAD);
        worker.stop(1_000);
    }

    @Test
    void aFencedProducerIsFatalAsThePolicySays() throws Exception {
        List<String> fatal = new CopyOnWriteArrayList<>();
        ServiceWorker worker = new ServiceWorker("sampler", () -> {
            throw new org.apache.kafka.common.errors.ProducerFencedException("another sampler took over");
        }, null).onFatal((name, error) -> fatal.add(name + ": " + error)).start();
        await(() -> !worker.isAlive());
        assertThat(fatal).singleElement().asString().contains("ProducerFencedException");
        assertThat(worker.status().state()).isEqualTo(ServiceWorker.State.DEAD);
        worker.stop(1_000);
    }

    @Test
    void aLinkageErrorIsRetriedLikeAnException() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        List<String> fatal = new CopyOnWriteArrayList<>();
        ServiceWorker worker = new ServiceWorker("test", () -> {
            if (rounds.incrementAndGet() == 1) {
                throw new UnsatisfiedLinkError("no torch in java.library.path");
            }
            return false;
        }, null).onFatal((name, error) -> fatal.add(name)).start();

        await(() -> !worker.isAlive());
        assertThat(fatal).isEmpty();
        assertThat(worker.errors()).isEqualTo(1);
        assertThat(worker.state()).isEqualTo(ServiceWorker.State.DONE);
    }

    @Test
    void aWorkerWhoseEveryRoundFailsPastTheThresholdIsFailingUntilARoundSucceeds() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger successes = new AtomicInteger();
        ServiceWorker worker = new ServiceWorker("miner", () -> {
            if (broken.get()) {
                throw new IllegalStateException("registry unreachable");
            }
            successes.incrementAndGet();
            Thread.sleep(20);
            return true;
        }, null).failingAfter(Duration.ofMillis(300)).start();
        try {
            await(() -> worker.errors() >= 1);
            assertThat(worker.state()).as("one failure is not yet failing").isEqualTo(ServiceWorker.State.RUNNING);
            assertThat(worker.status().failingSince()).isNotNull();

            await(() -> worker.state() == ServiceWorker.State.FAILING);
            ServiceWorker.Status failing = worker.status();
            assertThat(failing.state().isUp()).isFalse();
            assertThat(failing.lastError()).contains("registry unreachable");
            assertThat(failing.deathReason()).isNull();

            broken.set(false);
            await(() -> worker.state() == ServiceWorker.State.RUNNING);
            assertThat(successes.get()).isPositive();
            ServiceWorker.Status recovered = worker.status();
            assertThat(recovered.state()).isEqualTo(ServiceWorker.State.RUNNING);
            assertThat(recovered.failingSince()).isNull();
            assertThat(recovered.lastError()).as("the last error stays visible").contains("registry unreachable");
        } finally {
            worker.stop(5_000);
        }
        assertThat(worker.state()).isEqualTo(ServiceWorker.State.STOPPED);
        assertThat(worker.state().isUp()).isFalse();
    }

    @Test
    void aWorkerThatFinishedItsWorkIsDoneAndUp() throws Exception {
        ServiceWorker worker = new ServiceWorker("trainer", () -> false, null);
        assertThat(worker.state()).isEqualTo(ServiceWorker.State.STARTING);
        worker.start();
        await(() -> !worker.isAlive());
        assertThat(worker.state()).isEqualTo(ServiceWorker.State.DONE);
        assertThat(worker.state().isUp()).isTrue();
        worker.stop(1_000);
        assertThat(worker.state()).as("stop after done changes nothing").isEqualTo(ServiceWorker.State.DONE);
    }

    @Test
    void anInterruptNobodyAskedForKillsTheWorkerVisibly() throws Exception {
        ServiceWorker worker = new ServiceWorker("evaluator", () -> {
            throw new InterruptedException();
        }, null).start();
        await(() -> !worker.isAlive());
        assertThat(worker.state()).isEqualTo(ServiceWorker.State.DEAD);
        assertThat(worker.status().deathReason()).contains("interrupted");
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
