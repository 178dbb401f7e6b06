package io.facenetstreams.sampler;

import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.PeopleBatch;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a restarted sampler continues, from the last people-batches it emitted: the next sequence number
 * (so that the same seed gives the same batches as an uninterrupted run) and when each of those batches
 * was created (each holds a window slot until the trainer reports it complete or it times out).
 */
record ResumePoint(long nextSequence, Map<Long, Instant> emitted) {

    static ResumePoint from(Collection<PeopleBatch> recent) {
        Map<Long, Instant> emitted = new TreeMap<>();
        long last = -1;
        for (PeopleBatch batch : recent) {
            last = Math.max(last, batch.getSequence());
            emitted.put(batch.getSequence(), batch.getCreatedAt());
        }
        return new ResumePoint(last + 1, Map.copyOf(emitted));
    }

    /** Puts the batches emitted before the restart back in flight, unless the trainer already finished them. */
    void restore(InFlightWindow window) {
        new TreeMap<>(emitted).forEach(window::emitted);
    }
}
