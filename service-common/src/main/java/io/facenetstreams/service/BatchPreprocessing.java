package io.facenetstreams.service;

import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.schemas.BatchConfig;

/** The preprocessing a people-batch's record asks for: the embedders and the trainer read it the same way. */
public final class BatchPreprocessing {

    private BatchPreprocessing() {
    }

    /** The reference's training preprocessing at {@code imageSize} (the model's) with the batch's flags. */
    public static PreprocessingOptions of(BatchConfig config, int imageSize) {
        return PreprocessingOptions.training(imageSize, config.getRandomCrop(), config.getRandomFlip(),
                Standardisation.of(config.getFixedStandardization()));
    }
}
