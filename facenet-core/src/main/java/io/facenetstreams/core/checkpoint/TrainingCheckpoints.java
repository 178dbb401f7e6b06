package io.facenetstreams.core.checkpoint;

import ai.djl.Device;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletTrainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming trainer's checkpoints: each saved with the {@link ConsumedPosition} the model stands at, and a
 * restart resumes the newest valid one at that position, so every step is in the model's history exactly once.
 */
public final class TrainingCheckpoints {

    /** The metadata key naming the model a checkpoint belongs to. */
    public static final String MODEL_NAME_KEY = "model.name";

    /** The trainer to go on with and where in its input it stands; {@code checkpoint} is null for a new model. */
    public record Resumed(TripletTrainer trainer, ConsumedPosition position, CheckpointInfo checkpoint) {
    }

    private final CheckpointStore store;
    private final String modelName;
    private final int epochSize;
    private volatile CheckpointInfo last;

    public TrainingCheckpoints(CheckpointStore store, String modelName, int epochSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.epochSize = epochSize;
    }

    /** The newest valid checkpoint's trainer at its position, or a new network at the start (not saved yet). */
    public Resumed resumeOrCreate(NetworkArchitecture architecture, TrainingOptions options, Device device)
            throws IOException {
        Optional<CheckpointInfo> latest = store.latestValid();
        if (latest.isEmpty()) {
            return new Resumed(TripletTrainer.create(architecture, options, device), ConsumedPosition.START, null);
        }
        CheckpointInfo info = latest.get();
        last = info;
        return new Resumed(CheckpointStore.loadTrainer(info.path(), null, architecture, options, device),
                ConsumedPosition.fromMetadata(info.metadata()), info);
    }

    /**
     * Saves the trainer at {@code position} (the file written atomically); empty when its global step is
     * already the last checkpoint's version, which is then not written again.
     */
    public Optional<CheckpointInfo> save(TripletTrainer trainer, ConsumedPosition position) {
        long step = trainer.globalStep();
        if (last != null && last.version() == step) {
            return Optional.empty();
        }
        Map<String, String> metadata = new HashMap<>(position.toMetadata());
        metadata.put(MODEL_NAME_KEY, modelName);
        try {
            last = store.save(trainer, (int) (step / epochSize), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + step + " to " + store.directory() + ": "
                    + e.getMessage(), e);
        }
        return Optional.of(last);
    }

    /** The newest checkpoint saved or resumed from; null before either. */
    public CheckpointInfo last() {
        return last;
    }

    public CheckpointStore store() {
        return store;
    }
}
