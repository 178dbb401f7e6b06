package io.facenetstreams.trainer;

import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The trainer's configuration ({@code facenet.*}; defaults in application.properties). */
@ConfigMapping(prefix = "facenet")
public interface TrainerConfig {

    @WithParentName
    PipelineConfig pipeline();

    /** The training dataset root; triplet image references resolve under it, confined. */
    Path dataDir();

    Trainer trainer();

    interface Trainer {
        /** inception-resnet-v1 or small-cnn. */
        String architecture();

        Path checkpointDir();

        int keepCheckpoints();

        /** Checkpoint every N steps; 0 = every epoch ({@code epoch_size} steps). */
        long checkpointEvery();

        /** Stop training after this global step (0: never); the service keeps serving checkpoints. */
        long maxSteps();

        /** Drop triplet batches mined with a model more than N steps old (0: never). */
        long maxStaleness();

        /** Stop with an error after this many steps in a row had a non-finite loss or gradient (none applied). */
        int maxRejectedSteps();

        /** Base URL embedders and the evaluator fetch checkpoints from (default: this service's HTTP address). */
        Optional<String> advertisedUrl();

        /** The reference's training options by their argument names (learning_rate, optimizer, epoch_size, ...). */
        Map<String, String> options();
    }
}
