package io.facenetstreams.sampler;

import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.schemas.BatchConfig;

import java.time.Duration;

import static io.facenetstreams.core.config.Stage.SAMPLER;

/**
 * The sampler's settings, checked: clear errors, naming the option's property, for values the pipeline
 * cannot run with.
 */
record SamplingPlan(String modelName, int peoplePerBatch, int imagesPerPerson, long seed, int batchSize, int chunkSize,
                    int maxInFlightBatches, Duration batchTimeout, MiningStrategy strategy, double alpha,
                    boolean batchNormTraining, boolean randomCrop, boolean randomFlip, boolean fixedStandardization) {

    SamplingPlan {
        if (peoplePerBatch < 1 || imagesPerPerson < 1) {
            throw new IllegalArgumentException(RunOptions.PEOPLE_PER_BATCH.property(SAMPLER) + " and "
                    + RunOptions.IMAGES_PER_PERSON.property(SAMPLER) + " must be positive, got " + peoplePerBatch + " and "
                    + imagesPerPerson);
        }
        if (batchSize < 3 || batchSize % 3 != 0) {
            throw new IllegalArgumentException(RunOptions.BATCH_SIZE.property(SAMPLER) + " must be a positive multiple of 3, got "
                    + batchSize);
        }
        if (chunkSize < batchSize || chunkSize % batchSize != 0) {
            throw new IllegalArgumentException(RunOptions.CHUNK_SIZE.property(SAMPLER) + " (" + chunkSize + ") must be a multiple of"
                    + " batch-size (" + batchSize + "), so that training-mode batch norm sees the reference's groups of images");
        }
        if (maxInFlightBatches < 1) {
            throw new IllegalArgumentException(RunOptions.MAX_IN_FLIGHT_BATCHES.property(SAMPLER) + " must be at least 1, got "
                    + maxInFlightBatches);
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException(RunOptions.ALPHA.property(SAMPLER) + " must be a finite number >= 0, got " + alpha);
        }
    }

    static SamplingPlan from(SamplerConfig config) {
        SamplerConfig.Sampler s = config.sampler();
        boolean training = switch (s.embedBatchNorm().toLowerCase(java.util.Locale.ROOT)) {
            case "training" -> true;
            case "inference" -> false;
            default -> throw new IllegalArgumentException(RunOptions.EMBED_BATCH_NORM.property(SAMPLER)
                    + " must be training or inference, got '" + s.embedBatchNorm() + "'");
        };
        return new SamplingPlan(config.pipeline().modelName(), s.peoplePerBatch(), s.imagesPerPerson(), s.seed(), s.batchSize(),
                s.chunkSize(), s.maxInFlightBatches(), s.batchTimeout(), MiningStrategy.fromName(s.strategy()), s.alpha(),
                training, s.randomCrop(), s.randomFlip(), s.fixedStandardization());
    }

    /** The settings every request of a batch carries, at the pinned checkpoint's image size. */
    BatchConfig batchConfig(int imageSize) {
        return BatchConfig.newBuilder()
                .setPeoplePerBatch(peoplePerBatch)
                .setImagesPerPerson(imagesPerPerson)
                .setSeed(seed)
                .setImageSize(imageSize)
                .setBatchSize(batchSize)
                .setStrategy(strategy.cliName())
                .setAlpha(alpha)
                .setBatchNormTraining(batchNormTraining)
                .setRandomCrop(randomCrop)
                .setRandomFlip(randomFlip)
                .setFixedStandardization(fixedStandardization)
                .build();
    }
}
