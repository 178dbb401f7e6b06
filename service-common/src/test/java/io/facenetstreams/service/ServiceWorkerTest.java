package io.facenetstreams.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
}
