package io.facenetstreams.cli;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.inference.ImageEmbedder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options of every command that uses a trained model (embed, compare, export), as one picocli mixin: which
 * checkpoint ({@link CheckpointChoice}), the state directory a version is taken from, and the standardisation.
 */
final class TrainedModelOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    CheckpointChoice choice;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "With --model-version: the pipeline's state directory (default: <project>/.facenet/state).")
    Path stateDir;

    @Option(names = "--standardisation", paramLabel = "per-image|fixed",
            description = "Override the standardisation (default: what the checkpoint records, else per-image).")
    String standardisation;

    /** The checkpoint file chosen. */
    Path checkpoint() throws IOException {
        return choice.resolve(stateDir);
    }

    /** The chosen model, ready to embed in inference mode with {@code batchSize} images per forward pass. */
    ImageEmbedder open(int batchSize) throws IOException {
        EngineCheck.verify("facenet");
        return ImageEmbedder.open(checkpoint(), CheckpointChoice.standardisation(standardisation), batchSize);
    }
}
