package io.facenetstreams.sampler;

import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.nio.file.Path;
import java.time.Duration;

/** The sampler's configuration ({@code facenet.*}; defaults in application.properties). */
@ConfigMapping(prefix = "facenet")
public interface SamplerConfig {

    @WithParentName
    PipelineConfig pipeline();

    /** The training dataset: one folder per identity ({@code facenet.data-dir}). */
    Path dataDir();

    Sampler sampler();

    interface Sampler {
        int peoplePerBatch();

        int imagesPerPerson();

        long seed();

        /** Images per forward pass; chunks are multiples of it so that batch-norm groups match the reference's. */
        int batchSize();

        /** Images per embedding request. */
        int chunkSize();

        int maxInFlightBatches();

        /** A batch not finished by the trainer within this time leaves the in-flight window (with a warning). */
        Duration batchTimeout();

        String strategy();

        double alpha();

        /** training (the reference's) or inference. */
        String embedBatchNorm();

        boolean randomCrop();

        boolean randomFlip();

        boolean fixedStandardization();
    }
}
