package io.facenetstreams.core.checkpoint;

import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.NetworkArchitecture;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a checkpoint file says about itself, plus where it is and its sha256 (hex, lower case, of the
 * whole file: the value announced on the {@code checkpoints} topic). {@code version} is the global step;
 * {@code metadata} is the caller's free-form map (the trainer service's consumed offsets);
 * {@code trainingOptions} are the options the model was trained with, under the reference's names.
 */
public record CheckpointInfo(
        long version,
        int epoch,
        NetworkArchitecture architecture,
        int embeddingSize,
        int imageSize,
        Path path,
        String sha256,
        long sizeBytes,
        Map<String, String> metadata,
        Instant createdAt,
        Map<String, String> trainingOptions) {

    /**
     * The metadata key under which a trainer records how its input images were standardised
     * ({@link Standardisation#cliName()}); a model must see images scaled the same way.
     */
    public static final String STANDARDISATION_KEY = "image_standardisation";

    public CheckpointInfo {
        metadata = Map.copyOf(metadata);
        trainingOptions = Map.copyOf(trainingOptions);
    }

    /** The standardisation the trainer recorded, if it did (older checkpoints and the trainer service do not). */
    public Optional<Standardisation> standardisation() {
        String recorded = metadata.get(STANDARDISATION_KEY);
        return recorded == null ? Optional.empty() : Optional.of(Standardisation.fromName(recorded));
    }
}
