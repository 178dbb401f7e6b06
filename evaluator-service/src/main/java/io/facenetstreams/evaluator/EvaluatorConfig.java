package io.facenetstreams.evaluator;

import io.facenetstreams.service.PipelineConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.nio.file.Path;

/** The evaluator's configuration ({@code facenet.*}; defaults in application.properties). */
@ConfigMapping(prefix = "facenet")
public interface EvaluatorConfig {

    @WithParentName
    PipelineConfig pipeline();

    Evaluator evaluator();

    interface Evaluator {
        /** LFW-style images: DIR/name/name_%04d.(png|jpg). */
        Path lfwDir();

        /** The pairs file. */
        Path pairs();

        Path cacheDir();

        int folds();

        /** 0: squared L2, 1: angular. */
        int distanceMetric();

        boolean subtractMean();

        boolean flipped();

        boolean fixedStandardization();

        int batchSize();

        /** When checkpoints come faster than evaluations, evaluate only the newest waiting one. */
        boolean skipBehind();
    }
}
