package io.facenetstreams.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread of a service that does its work: runs {@link Body#runOnce} until stopped. An exception
 * in one round is logged and counted and the loop goes on after a pause, so one bad record or a passing
 * outage does not kill the service. An {@link Error} other than a {@link LinkageError} (out of memory, a
 * stack overflow) is fatal: the worker is marked dead and the {@link FatalHandler} runs, by default ending
 * the process so that whoever supervises it sees the failure instead of a live process doing nothing.
 * Health checks read {@link #status()}: a worker whose every round has failed for longer than
 * {@link #failingAfter} is {@link State#FAILING}.
 */
public final class ServiceWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWorker.class);

    /** How long rounds may fail back to back before the worker counts as failing. */
    public static final Duration DEFAULT_FAILING_AFTER = Duration.ofSeconds(60);

    /** How long the default fatal handler lets shutdown hooks run before it halts the JVM. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

    /** One round of work; returns false when there is nothing more to do ever (the worker ends). */
    @FunctionalInterface
    public interface Body {
        boolean runOnce() throws Exception;
    }

    /** Called once, on the worker's thread, after a fatal error ended the loop's round. */
    @FunctionalInterface
    public interface FatalHandler {
        void onFatal(String worker, Throwable error);
    }

    /** What the worker is doing, as health checks report it. */
    public enum State {
        /** Not started yet. */
        STARTING(false),
        /** Working; failed rounds, if any, have not lasted past the threshold. */
        RUNNING(true),
        /** Every round has failed for longer than the threshold. */
        FAILING(false),
        /** Ended by a fatal error or an unexpected interrupt. */
        DEAD(false),
        /** Ended normally: the body said there is nothing more to do (a trainer at its step budget). */
        DONE(true),
        /** Ended by {@link #stop}. */
        STOPPED(false);

        private final boolean up;

        State(boolean up) {
            this.up = up;
        }

        public boolean isUp() {
            return up;
        }
    }

    /**
     * A consistent reading of the worker: its state, the errors counted, the last one (with its time),
     * why it died (DEAD only) and since when every round has failed (null while the last round succeeded).
     */
    public record Status(State state, long errors, String lastError, String deathReason, Instant failingSince) {
    }

    private final String name;
    private final Body body;
    private final Runnable onStop;
    private final Thread thread;
    private final List<AutoCloseable> closedAfterStop = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private Duration failingAfter = DEFAULT_FAILING_AFTER;
    private FatalHandler fatalHandler = ServiceWorker::exitProcess;
    private final List<Class<? extends Throwable>> fatalExceptions = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean running = true;
    private volatile boolean done;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant failingSince;
    private volatile String deathReason;

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

    /** How long every round must fail before the worker counts as {@link State#FAILING} (default 60 s). */
    public ServiceWorker failingAfter(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("failing threshold must not be negative, got " + threshold);
        }
        this.failingAfter = threshold;
        return this;
    }

    /** What to do after a fatal error; the default exits the process (see {@link #exitProcess}). */
    public ServiceWorker onFatal(FatalHandler handler) {
        this.fatalHandler = Objects.requireNonNull(handler, "fatal handler");
        return this;
    }

    /**
     * Exceptions that end the worker as fatal errors do, for a body that knows it must not go on (a trainer
     * whose steps keep diverging): retrying would only skip the work that failed.
     */
    @SafeVarargs
    public final ServiceWorker fatalOn(Class<? extends Throwable>... types) {
        fatalExceptions.addAll(List.of(types));
        return this;
    }

    public ServiceWorker start() {
        started = true;
        thread.start();
        return this;
    }

    private void loop() {
        long pause = 200;
        while (running) {
            try {
                if (!body.runOnce()) {
                    done = true;
                    LOG.info("{}: done", name);
                    break;
                }
                failingSince = null;
                pause = 200;
            } catch (InterruptedException e) {
                interrupted();
                break;
            } catch (Throwable e) {
                if (!running) {
                    break;
                }
                recordError(e);
                if (isFatal(e)) {
                    die(e);
                    break;
                }
                LOG.error("{}: {} (retrying in {} ms)", name, e, pause, e);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    interrupted();
                    break;
                }
                pause = Math.min(pause * 2, 10_000);
            }
        }
        if (onStop != null) {
            try {
                onStop.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("{}: cleanup failed: {}", name, e.toString());
            }
        }
    }

    /**
     * What the failure policy calls fatal: an {@link Error} (the JVM cannot be trusted any more; a
     * {@link LinkageError} excepted, retried like any exception), a fenced producer, an authorization or
     * authentication failure; plus what the service declares fatal.
     */
    private boolean isFatal(Throwable e) {
        return io.facenetstreams.service.runtime.FailurePolicy.classify(e) == io.facenetstreams.service.runtime.FailurePolicy.Kind.FATAL
                || e instanceof io.facenetstreams.service.runtime.FatalException
                || fatalExceptions.stream().anyMatch(t -> t.isInstance(e));
    }

    /** An interrupt that {@link #stop} did not send ends the worker too, but as a death health must show. */
    private void interrupted() {
        Thread.currentThread().interrupt();
        if (running) {
            deathReason = "interrupted while working";
            LOG.error("{}: interrupted while not asked to stop; the worker ends", name);
        }
    }

    private void recordError(Throwable e) {
        errors.incrementAndGet();
        Instant now = Instant.now();
        lastError = e.toString();
        lastErrorAt = now;
        if (failingSince == null) {
            failingSince = now;
        }
    }

    private void die(Throwable e) {
        deathReason = "worker died: " + e;
        running = false;
        LOG.error("{}: FATAL {}; the worker ends", name, e, e);
        try {
            fatalHandler.onFatal(name, e);
        } catch (RuntimeException | Error handlerFailure) {
            LOG.error("{}: the fatal-error handler failed: {}", name, handlerFailure.toString());
        }
    }

    /**
     * The default fatal handler: exits with status 1 from a thread of its own, so that the shutdown hooks
     * (Quarkus stopping this very worker among them) run without this thread waiting on itself; halts the
     * JVM if they have not finished within 30 s, so a wedged hook cannot keep a broken process alive.
     */
    public static void exitProcess(String worker, Throwable error) {
        Thread exit = new Thread(() -> System.exit(1), worker + "-fatal-exit");
        exit.setDaemon(true);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.error("{}: shutdown after a fatal error did not finish in {} s; halting", worker, EXIT_GRACE.toSeconds());
            Runtime.getRuntime().halt(1);
        }, worker + "-fatal-halt");
        watchdog.setDaemon(true);
        watchdog.start();
        exit.start();
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

    /** The worker's state now (see {@link State}). */
    public State state() {
        return status().state();
    }

    public Status status() {
        String reason = deathReason;
        Instant since = failingSince;
        State state;
        if (reason != null) {
            state = State.DEAD;
        } else if (done) {
            state = State.DONE;
        } else if (!started) {
            state = State.STARTING;
        } else if (!thread.isAlive()) {
            // Ended without a fatal error and without finishing its work: stop() was called.
            state = State.STOPPED;
        } else if (since != null && Duration.between(since, Instant.now()).compareTo(failingAfter) >= 0) {
            state = State.FAILING;
        } else {
            state = State.RUNNING;
        }
        return new Status(state, errors.get(), lastError(), reason, since);
    }
}
