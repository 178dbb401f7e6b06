package io.facenetstreams.core.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sampler's bound on work in flight: people-batches emitted and not yet finished by the trainer. A
 * batch leaves the window when the trainer reports it complete, or when it has been in flight longer than
 * the timeout (a batch whose requests were dead-lettered would otherwise hold its slot for ever); expired
 * batches are returned so that the caller can say so. Thread-safe.
 */
public final class InFlightWindow {

    private final int maxInFlight;
    private final Duration timeout;
    private final Clock clock;
    private final Map<Long, Instant> inFlight = new TreeMap<>();
    private final Set<Long> completedEarly = new HashSet<>();

    public InFlightWindow(int maxInFlight, Duration timeout, Clock clock) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight-batches must be at least 1, got " + maxInFlight);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("batch timeout must be positive, got " + timeout);
        }
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** True when another batch may be emitted now. */
    public synchronized boolean hasRoom() {
        return inFlight.size() < maxInFlight;
    }

    /** Records batch {@code sequence} as emitted at {@code at} (now, or its creation time when recovering). */
    public synchronized void emitted(long sequence, Instant at) {
        if (completedEarly.remove(sequence)) {
            return;
        }
        inFlight.put(sequence, at);
    }

    public synchronized void emitted(long sequence) {
        emitted(sequence, clock.instant());
    }

    /** The trainer finished batch {@code sequence} (its completion may be seen before its emission on recovery). */
    public synchronized void completed(long sequence) {
        if (inFlight.remove(sequence) == null) {
            completedEarly.add(sequence);
        }
    }

    /** Removes and returns the batches in flight for longer than the timeout. */
    public synchronized List<Long> expire() {
        Instant limit = clock.instant().minus(timeout);
        List<Long> expired = new ArrayList<>();
        inFlight.entrySet().removeIf(e -> {
            if (e.getValue().isBefore(limit)) {
                expired.add(e.getKey());
                return true;
            }
            return false;
        });
        return expired;
    }

    public synchronized int inFlight() {
        return inFlight.size();
    }

    public synchronized List<Long> sequences() {
        return new ArrayList<>(inFlight.keySet());
    }

}
