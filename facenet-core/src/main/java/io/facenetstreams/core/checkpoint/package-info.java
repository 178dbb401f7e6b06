/**
 * Checkpoints as single self-checking files (parameters, optimizer state and metadata, announced by one
 * sha256), written atomically into a {@link io.facenetstreams.core.checkpoint.CheckpointStore} that keeps
 * the last K and can always find the newest valid one.
 */
package io.facenetstreams.core.checkpoint;
