package io.facenetstreams.stack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline trains and how, turned into each service's configuration ({@code facenet.*} properties).
 * One place, so that {@code ./facenet up} and the end-to-end test configure the services the same way.
 *
 * @param trainingOptions the seed's training options by their argument names (learning_rate, batch_size, ...)
 * @param checkpointEvery steps between checkpoints (0: every epoch)
 * @param maxSteps        the global step at which the trainer stops (0: never)
 */
public record PipelineSettings(Path trainDir, Path lfwDir, Path pairs, String architecture, Map<String, String> trainingOptions,
                               long checkpointEvery, long maxSteps, long maxStaleness, int peoplePerBatch, int imagesPerPerson,
                               int chunkSize, int maxInFlightBatches, String strategy, boolean randomCrop, boolean randomFlip,
                               int lfwFolds) {

    public PipelineSettings {
        Objects.requireNonNull(trainDir, "training data directory");
        Objects.requireNonNull(lfwDir, "LFW directory");
        Objects.requireNonNull(pairs, "pairs file");
        trainingOptions = Map.copyOf(trainingOptions);
        for (String key : new String[] {"batch_size", "seed", "alpha"}) {
            if (!trainingOptions.containsKey(key)) {
                throw new IllegalArgumentException("training option '" + key + "' must be given");
            }
        }
    }

    public Map<PipelineService, Map<String, String>> serviceProperties() {
        Map<PipelineService, Map<String, String>> props = new EnumMap<>(PipelineService.class);
        Map<String, String> trainer = new HashMap<>();
        trainer.put("facenet.data-dir", trainDir.toString());
        trainer.put("facenet.trainer.architecture", architecture);
        trainer.put("facenet.trainer.checkpoint-every", Long.toString(checkpointEvery));
        trainer.put("facenet.trainer.max-steps", Long.toString(maxSteps));
        trainer.put("facenet.trainer.max-staleness", Long.toString(maxStaleness));
        trainingOptions.forEach((k, v) -> trainer.put("facenet.trainer.options." + k, v));
        props.put(PipelineService.TRAINER, trainer);
        props.put(PipelineService.SAMPLER, Map.ofEntries(
                Map.entry("facenet.data-dir", trainDir.toString()),
                Map.entry("facenet.sampler.people-per-batch", Integer.toString(peoplePerBatch)),
                Map.entry("facenet.sampler.images-per-person", Integer.toString(imagesPerPerson)),
                Map.entry("facenet.sampler.seed", trainingOptions.get("seed")),
                Map.entry("facenet.sampler.batch-size", trainingOptions.get("batch_size")),
                Map.entry("facenet.sampler.chunk-size", Integer.toString(chunkSize)),
                Map.entry("facenet.sampler.max-in-flight-batches", Integer.toString(maxInFlightBatches)),
                Map.entry("facenet.sampler.strategy", strategy),
                Map.entry("facenet.sampler.alpha", trainingOptions.get("alpha")),
                Map.entry("facenet.sampler.random-crop", Boolean.toString(randomCrop)),
                Map.entry("facenet.sampler.random-flip", Boolean.toString(randomFlip))));
        // Embedders and the evaluator take one core's worth of threads each: on a small machine the trainer
        // is the bottleneck and gets the rest.
        props.put(PipelineService.EMBEDDER, Map.of("facenet.data-dir", trainDir.toString(), "ai.djl.pytorch.num_threads", "1"));
        props.put(PipelineService.EVALUATOR, Map.of(
                "facenet.evaluator.lfw-dir", lfwDir.toString(),
                "facenet.evaluator.pairs", pairs.toString(),
                "facenet.evaluator.folds", Integer.toString(lfwFolds),
                "facenet.evaluator.batch-size", trainingOptions.get("batch_size"),
                "ai.djl.pytorch.num_threads", "1"));
        props.put(PipelineService.MINER, Map.of("facenet.miner.selector-threads", "1"));
        return props;
    }
}
