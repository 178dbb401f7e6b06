package io.facenetstreams.evaluator;

import io.facenetstreams.schemas.Checkpoint;

import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which announced checkpoint to evaluate next: each version once and in version order, never one at or below
 * the newest already evaluated (evaluations stay in order across restarts). With {@code skipBehind} the newest
 * waiting version goes first and the older waiting ones are dropped: a slow evaluator keeps up with the trainer.
 * Announcements arrive on the checkpoint feed's thread; the worker takes them on its own.
 */
final class EvaluationQueue {

    private final boolean skipBehind;
    private final ConcurrentSkipListMap<Long, Checkpoint> pending = new ConcurrentSkipListMap<>();
    private volatile long lastEvaluated;

    EvaluationQueue(boolean skipBehind, long lastEvaluated) {
        this.skipBehind = skipBehind;
        this.lastEvaluated = lastEvaluated;
    }

    /** A checkpoint was announced (again, perhaps: a version is kept once). */
    void announced(Checkpoint checkpoint) {
        if (checkpoint.getVersion() > lastEvaluated) {
            pending.put(checkpoint.getVersion(), checkpoint);
        }
    }

    /** The next checkpoint to evaluate, if any. */
    Optional<Checkpoint> next() {
        while (true) {
            var entry = skipBehind ? pending.pollLastEntry() : pending.pollFirstEntry();
            if (entry == null) {
                return Optional.empty();
            }
            if (skipBehind) {
                // Only the versions older than this one: a newer one announced meanwhile must still be evaluated.
                pending.headMap(entry.getKey()).clear();
            }
            if (entry.getKey() > lastEvaluated) {
                return Optional.of(entry.getValue());
            }
        }
    }

    /** The version is done (evaluated, or given up on with a dead letter): nothing at or below it comes again. */
    void done(long version) {
        lastEvaluated = Math.max(lastEvaluated, version);
    }

    long lastEvaluated() {
        return lastEvaluated;
    }
}
