package io.facenetstreams.core.data;

/** What {@link LfwPairs#resolve} does when a pair names an image that is not on disk. */
public enum MissingImagePolicy {
    /** Fail, naming the pair's line and the path (the default). */
    FAIL,
    /**
     * Drop the pair and count it, as facenet's {@code lfw.get_paths} did. Beware: dropping pairs shifts
     * every later pair, so the contiguous 10-fold split no longer matches the file's folds.
     */
    SKIP
}
