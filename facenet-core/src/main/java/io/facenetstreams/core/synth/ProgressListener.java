package io.facenetstreams.core.synth;

/** Told how far a generation has come; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> {
    };

    void progress(int imagesDone, int imagesTotal);
}
