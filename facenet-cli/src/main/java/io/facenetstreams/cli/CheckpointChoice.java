package io.facenetstreams.cli;

import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.image.Standardisation;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Which trained model to use, for the commands that use one (embed, compare, export): a checkpoint file, or
 * a version from a pipeline's state directory (running or stopped; nothing there is changed). Used as an
 * exclusive {@code @ArgGroup}.
 */
final class CheckpointChoice {

    /** The value picocli gives {@code --model-version} without a number: the newest. */
    private static final long NEWEST = -1;

    @Option(names = "--checkpoint", paramLabel = "FILE.ckpt", required = true,
            description = "A checkpoint written by the trainer or train-sequential.")
    Path checkpoint;

    @Option(names = "--model-version", paramLabel = "N", arity = "0..1", fallbackValue = "" + NEWEST, required = true,
            description = "The checkpoint of global step N in the state directory's checkpoints/ (a running or"
                    + " stopped 'up'); without N, the newest intact one.")
    Long modelVersion;

    /** The checkpoint file chosen; {@code stateDir} null means the default state directory. */
    Path resolve(Path stateDir) throws IOException {
        if (checkpoint != null) {
            return checkpoint;
        }
        Path state = (stateDir != null ? stateDir : CliDefaults.stateDir()).toAbsolutePath().normalize();
        return CheckpointStore.find(state.resolve("checkpoints"), modelVersion == NEWEST ? null : modelVersion).path();
    }

    /** {@code --standardisation}'s value, or null (then the checkpoint's record decides). */
    static Standardisation standardisation(String name) {
        return name == null ? null : Standardisation.fromName(name);
    }
}
