package io.facenetstreams.core.baseline;

import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.eval.LfwValidation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the reference's {@code train_tripletloss.py} takes, plus the extensions this project offers (each
 * defaulting to the reference's behaviour).
 *
 * @param dataDir          training images, one folder per identity (the reference's {@code --data_dir})
 * @param lfwDir           LFW-style images for evaluation, or null to skip evaluation ({@code --lfw_dir})
 * @param lfwPairs         the pairs file ({@code --lfw_pairs})
 * @param modelsDir        where checkpoints go ({@code --models_base_dir}, one run per directory here)
 * @param pretrainedModel  a checkpoint to start from, or null ({@code --pretrained_model})
 * @param maxSteps         stop after this many global steps (0: no limit; an extension)
 * @param checkpointEvery  checkpoint and evaluate every N steps (0: after every epoch, as the seed)
 * @param evaluateInitial  evaluate the untrained network first (an extension, to show the starting point)
 */
public record SequentialOptions(
        Path dataDir,
        Path lfwDir,
        Path lfwPairs,
        Path modelsDir,
        Path pretrainedModel,
        NetworkArchitecture architecture,
        TrainingOptions training,
        int peoplePerBatch,
        int imagesPerPerson,
        int maxNrofEpochs,
        boolean randomCrop,
        boolean randomFlip,
        Standardisation standardisation,
        SelectionMode selection,
        MiningStrategy strategy,
        BatchNormMode embeddingMode,
        int keepCheckpoints,
        long maxSteps,
        long checkpointEvery,
        boolean evaluateInitial,
        LfwValidation.Options lfw) {

    public SequentialOptions {
        Objects.requireNonNull(dataDir, "data_dir");
        Objects.requireNonNull(modelsDir, "models_base_dir");
        Objects.requireNonNull(architecture, "model_def");
        Objects.requireNonNull(training, "training options");
        Objects.requireNonNull(lfw, "lfw options");
        if (lfwDir != null && lfwPairs == null) {
            throw new IllegalArgumentException("--lfw_dir needs --lfw_pairs");
        }
        if (peoplePerBatch < 1 || imagesPerPerson < 1) {
            throw new IllegalArgumentException("people_per_batch and images_per_person must be positive, got "
                    + peoplePerBatch + " and " + imagesPerPerson);
        }
        if (maxNrofEpochs < 1) {
            throw new IllegalArgumentException("max_nrof_epochs must be positive, got " + maxNrofEpochs);
        }
        if (maxSteps < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("max_steps and checkpoint_every must be >= 0");
        }
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(strategy, "strategy");
    }

    /** The network's input size: the training option, or the architecture's default. */
    public int imageSize() {
        return training.resolvedImageSize(architecture);
    }
}
