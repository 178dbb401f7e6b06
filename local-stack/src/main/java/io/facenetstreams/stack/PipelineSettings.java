package io.facenetstreams.stack;

import io.facenetstreams.core.config.Profile;
import io.facenetstreams.core.config.RunOption;
import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.config.Stage;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline trains and how, turned into each service's configuration ({@code facenet.*} properties).
 * One place, so that {@code ./facenet up} and the end-to-end test configure the services the same way.
 *
 * @param trainingOptions the reference's training options by their argument names (learning_rate, batch_size, ...)
 * @param checkpointEvery steps between checkpoints (0: every epoch)
 * @param maxSteps        the global step at which the trainer stops (0: never)
 */
public record PipelineSettings(Path trainDir, Path lfwDir, Path pairs, String architecture, Map<String, String> trainingOptions,
                               long checkpointEvery, long maxSteps, long maxStaleness, int peoplePerBatch, int imagesPerPerson,
                               int chunkSize, int maxInFlightBatches, String strategy, boolean randomCrop, boolean randomFlip,
                               int lfwFolds) {

    /** PyTorch's intra-op threads: no option of the run's, a property of DJL's. */
    private static final String DJL_THREADS = "ai.djl.pytorch.num_threads";

    public PipelineSettings {
        Objects.requireNonNull(trainDir, "training data directory");
        Objects.requireNonNull(lfwDir, "LFW directory");
        Objects.requireNonNull(pairs, "pairs file");
        trainingOptions = Map.copyOf(trainingOptions);
        for (RunOption shared : new RunOption[] {RunOptions.BATCH_SIZE, RunOptions.SEED, RunOptions.ALPHA}) {
            if (!trainingOptions.containsKey(shared.referenceName())) {
                throw new IllegalArgumentException("training option '" + shared.referenceName() + "' must be given");
            }
        }
    }

    /**
     * Each service's properties, named by the catalogue. A reference-named training option that several stages read
     * (batch_size, seed, alpha) reaches every one of them from its one value, so they cannot disagree.
     */
    public Map<PipelineService, Map<String, String>> serviceProperties() {
        Map<PipelineService, Map<String, String>> props = new EnumMap<>(PipelineService.class);
        for (PipelineService service : PipelineService.values()) {
            props.put(service, new HashMap<>());
        }
        for (Map.Entry<String, String> option : trainingOptions.entrySet()) {
            Optional<RunOption> known = RunOptions.byReferenceName(option.getKey());
            if (known.isPresent() && known.get().stages().contains(Stage.TRAINER)) {
                for (Stage stage : known.get().stages()) {
                    props.get(service(stage)).put(known.get().property(stage), option.getValue());
                }
            } else {
                // Not an option of the catalogue's: the trainer rejects it by name at start.
                props.get(PipelineService.TRAINER).put(RunOption.PREFIX + RunOption.TRAINER_OPTIONS + option.getKey(),
                        option.getValue());
            }
        }
        set(props, RunOptions.DATA_DIR, trainDir.toString());
        set(props, RunOptions.ARCHITECTURE, architecture);
        set(props, RunOptions.CHECKPOINT_EVERY, Long.toString(checkpointEvery));
        set(props, RunOptions.MAX_STEPS, Long.toString(maxSteps));
        set(props, RunOptions.MAX_STALENESS, Long.toString(maxStaleness));
        set(props, RunOptions.PEOPLE_PER_BATCH, Integer.toString(peoplePerBatch));
        set(props, RunOptions.IMAGES_PER_PERSON, Integer.toString(imagesPerPerson));
        set(props, RunOptions.CHUNK_SIZE, Integer.toString(chunkSize));
        set(props, RunOptions.MAX_IN_FLIGHT_BATCHES, Integer.toString(maxInFlightBatches));
        set(props, RunOptions.STRATEGY, strategy);
        set(props, RunOptions.RANDOM_CROP, Boolean.toString(randomCrop));
        set(props, RunOptions.RANDOM_FLIP, Boolean.toString(randomFlip));
        set(props, RunOptions.LFW_DIR, lfwDir.toString());
        set(props, RunOptions.PAIRS, pairs.toString());
        set(props, RunOptions.FOLDS, Integer.toString(lfwFolds));
        set(props, RunOptions.SELECTOR_THREADS, RunOptions.SELECTOR_THREADS.defaultIn(Profile.LOCAL));
        // Embedders and the evaluator take one core's worth of threads each: on a small machine the trainer
        // is the bottleneck and gets the rest.
        props.get(PipelineService.EMBEDDER).put(DJL_THREADS, "1");
        props.get(PipelineService.EVALUATOR).put(DJL_THREADS, "1");
        props.replaceAll((service, p) -> Map.copyOf(p));
        return props;
    }

    /** The service of a stage. */
    static PipelineService service(Stage stage) {
        return PipelineService.valueOf(stage.name());
    }

    /** An option's value, under its property, for every stage that reads it. */
    private static void set(Map<PipelineService, Map<String, String>> props, RunOption option, String value) {
        for (Stage stage : option.stages()) {
            props.get(service(stage)).put(option.property(stage), value);
        }
    }
}
