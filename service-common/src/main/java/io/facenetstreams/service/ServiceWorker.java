package io.facenetstreams.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread of a service that does its work: runs {@link Body#runOnce} until stopped. An exception
 * in one round is logged and counted and the loop goes on after a pause, so one bad record or a passing
 * outage does not kill the service; health checks read {@link #isAlive()} and {@link #lastError()}.
 */
public final class ServiceWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWorker.class);

    /** One round of work; returns false when there is nothing more to do ever (the worker ends). */
    @FunctionalInterface
    public interface Body {
        boolean runOnce() throws Exception;
    }

    private final String name;
    private final Body body;
    private final Runnable onStop;
    private final Thread thread;
    private final List<AutoCloseable> closedAfterStop = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    public ServiceWorker(String name, Body body, Runnable onStop) {
        this.name = name;
        this.body = body;
        this.onStop = onStop;
        this.thread = new Thread(this::loop, name);
    }

    /**
     * Resources the work depends on (a checkpoint feed, a trainer) that outlive single rounds: {@link #stop}
     * closes them, in reverse order, once the loop has finished, so no round runs against a closed resource.
     */
    public ServiceWorker closingAfterStop(AutoCloseable... resources) {
        closedAfterStop.addAll(List.of(resources));
        return this;
    }

    public ServiceWorker start() {
        thread.start();
        return this;
    }

    private void loop() {
        long pause = 200;
        while (running) {
            try {
                if (!body.runOnce()) {
                    LOG.info("{}: done", name);
                    break;
                }
                pause = 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception | LinkageError e) {
                if (!running) {
                    break;
                }
                errors.incrementAndGet();
                lastError = e.toString();
                lastErrorAt = Instant.now();
                LOG.error("{}: {} (retrying in {} ms)", name, e, pause, e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause = Math.min(pause * 2, 10_000);
            }
        }
        if (onStop != null) {
            try {
                onStop.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: cleanup failed: {}", name, e.toString());
            }
        }
    }

    /**
     * Asks the loop to stop after the current round and waits for it (and its clean-up); interrupts it only
     * if it has not finished in time, because an interrupt makes Kafka clients abandon a clean close.
     */
    public void stop(long waitMillis) {
        running = false;
        try {
            thread.join(waitMillis);
            if (thread.isAlive()) {
                LOG.warn("{}: still busy after {} ms; interrupting", name, waitMillis);
                thread.interrupt();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = closedAfterStop.size() - 1; i >= 0; i--) {
            try {
                closedAfterStop.get(i).close();
            } catch (Exception e) {
                LOG.warn("{}: closing {} failed: {}", name, closedAfterStop.get(i), e.toString());
            }
        }
        closedAfterStop.clear();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    public long errors() {
        return errors.get();
    }

    public String lastError() {
        return lastError == null ? null : lastErrorAt + " " + lastError;
    }
}
