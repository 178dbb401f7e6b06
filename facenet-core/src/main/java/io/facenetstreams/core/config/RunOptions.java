package io.facenetstreams.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.facenetstreams.core.config.OptionType.BOOLEAN;
import static io.facenetstreams.core.config.OptionType.DECIMAL;
import static io.facenetstreams.core.config.OptionType.DURATION;
import static io.facenetstreams.core.config.OptionType.INTEGER;
import static io.facenetstreams.core.config.OptionType.PATH;
import static io.facenetstreams.core.config.OptionType.TEXT;
import static io.facenetstreams.core.config.RunOption.option;
import static io.facenetstreams.core.config.Stage.EMBEDDER;
import static io.facenetstreams.core.config.Stage.EVALUATOR;
import static io.facenetstreams.core.config.Stage.MINER;
import static io.facenetstreams.core.config.Stage.SAMPLER;
import static io.facenetstreams.core.config.Stage.TRAINER;

/**
 * Every option of a run, once: the catalogue the services' configuration, docker-compose, the CLI and
 * {@code docs/configuration.md} are held to. A value several stages must agree on (the batch size, the seed,
 * alpha, the standardisation) is one option, read under each stage's own property.
 *
 * <p>The catalogue touches no engine class (the local stack loads it without DJL), so the choices of the
 * architecture, the optimizer and the strategy are spelled here; a test holds them to their enums.
 */
public final class RunOptions {

    // Where the pipeline runs: every service.

    public static final RunOption BOOTSTRAP_SERVERS = option("bootstrap-servers", TEXT, "127.0.0.1:9092",
            "Kafka bootstrap servers.").readBy(Stage.values()).build();
    public static final RunOption REGISTRY_URL = option("registry-url", TEXT, "http://127.0.0.1:8081/apis/ccompat/v7",
            "The schema registry's Confluent-API base URL.").readBy(Stage.values()).build();
    public static final RunOption MODEL_NAME = option("model-name", TEXT, "facenet",
            "The model's name: the key of its checkpoints, progress and evaluations.").readBy(Stage.values()).build();
    public static final RunOption DATA_DIR = option("data-dir", PATH, null,
            "The training set, one folder per identity; image references resolve under it, confined"
                    + " (required; up: a generated synthetic set).")
            .reference("data_dir").cli("--data-dir").readBy(SAMPLER, EMBEDDER, TRAINER).build();

    // Sampling: people-batches, the reference's sample_people.

    public static final RunOption PEOPLE_PER_BATCH = option("sampler.people-per-batch", INTEGER, "45",
            "Identities per people-batch.").reference("people_per_batch").local("30").cli("--people-per-batch")
            .readBy(SAMPLER).build();
    public static final RunOption IMAGES_PER_PERSON = option("sampler.images-per-person", INTEGER, "40",
            "Images per identity in a people-batch.").reference("images_per_person").local("10").cli("--images-per-person")
            .readBy(SAMPLER).build();
    public static final RunOption SEED = option("sampler.seed", INTEGER, "666",
            "Random seed of sampling and of the network's initialisation.").reference("seed").cli("--seed")
            .readBy(SAMPLER).trainerOption().build();
    public static final RunOption BATCH_SIZE = option("sampler.batch-size", INTEGER, "90",
            "Images per forward pass and per training step, a multiple of 3.").reference("batch_size").cli("--batch-size")
            .readBy(SAMPLER).trainerOption().readAs(EVALUATOR, "evaluator.batch-size").build();
    public static final RunOption CHUNK_SIZE = option("sampler.chunk-size", INTEGER, "360",
            "Images per embedding request, a multiple of the batch size (up: twice the batch size).")
            .local("180").cli("--chunk-size").readBy(SAMPLER).build();
    public static final RunOption MAX_IN_FLIGHT_BATCHES = option("sampler.max-in-flight-batches", INTEGER, "2",
            "People-batches between sampling and the end of their training.").cli("--max-in-flight-batches")
            .readBy(SAMPLER).build();
    public static final RunOption BATCH_TIMEOUT = option("sampler.batch-timeout", DURATION, "10m",
            "A batch not finished by the trainer within this time leaves the in-flight window (with a warning).")
            .readBy(SAMPLER).build();
    public static final RunOption STRATEGY = option("sampler.strategy", TEXT, "vggface",
            "Triplet mining: vggface is the reference's.").choices("vggface", "semihard", "hard", "all", "batch-hard").cli("--strategy")
            .readBy(SAMPLER).build();
    public static final RunOption ALPHA = option("sampler.alpha", DECIMAL, "0.2",
            "Triplet-loss margin: triplets are mined with it and trained with it.").reference("alpha").cli("--alpha")
            .readBy(SAMPLER).trainerOption().build();
    public static final RunOption EMBED_BATCH_NORM = option("sampler.embed-batch-norm", TEXT, "training",
            "Batch norm of the selection pass: training (batch statistics, the reference's) or inference.")
            .choices("training", "inference").readBy(SAMPLER).build();
    public static final RunOption RANDOM_CROP = option("sampler.random-crop", BOOLEAN, "false",
            "Random crops of training images (else a central crop-or-pad).").reference("random_crop").cli("--random-crop")
            .readBy(SAMPLER).build();
    public static final RunOption RANDOM_FLIP = option("sampler.random-flip", BOOLEAN, "false",
            "Random horizontal flips of training images.").reference("random_flip").cli("--random-flip")
            .readBy(SAMPLER).build();
    public static final RunOption FIXED_STANDARDIZATION = option("sampler.fixed-standardization", BOOLEAN, "false",
            "(x - 127.5) / 128 instead of per-image standardisation, in training and in evaluation alike.")
            .reference("use_fixed_image_standardization").readBy(SAMPLER)
            .readAs(EVALUATOR, "evaluator.fixed-standardization").build();

    // Embedding.

    public static final RunOption EMBEDDER_CACHE_DIR = option("embedder.cache-dir", PATH,
            "${java.io.tmpdir}/facenet-embedder-cache", "Where an embedder keeps the checkpoints it fetched.")
            .readBy(EMBEDDER).build();
    public static final RunOption MODELS_KEPT = option("embedder.models-kept", INTEGER, "2",
            "Model versions an embedder keeps loaded (the current and the previous).").readBy(EMBEDDER).build();
    public static final RunOption CACHED_CHECKPOINTS = option("embedder.cached-checkpoints", INTEGER, "10",
            "Checkpoint files an embedder keeps on disk, fetched as they are announced.").readBy(EMBEDDER).build();
    public static final RunOption VERSION_WAIT = option("embedder.version-wait", DURATION, "2m",
            "How long a request pinned to a version not yet announced waits for its checkpoint.")
            .readBy(EMBEDDER).build();
    public static final RunOption MAX_ATTEMPTS = option("embedder.max-attempts", INTEGER, "3",
            "Attempts at one embedding request before it is dead-lettered.").readBy(EMBEDDER).build();
    public static final RunOption EMBEDDER_ID = option("embedder.id", TEXT, null,
            "This replica's name in chunks and logs (none: host and pid).").readBy(EMBEDDER).build();
    public static final RunOption TESTING_NON_FINITE_CHUNKS = option("embedder.testing.non-finite-chunks", INTEGER, "0",
            "Tests only: the first N chunks are published with NaN vectors. Never set it in a real run.")
            .readBy(EMBEDDER).build();

    // Mining.

    public static final RunOption MAX_TRIPLETS_PER_RECORD = option("miner.max-triplets-per-record", INTEGER, "50000",
            "A batch with more triplets is split into parts (strategy all can select millions).")
            .readBy(MINER).build();
    public static final RunOption DONE_RETENTION = option("miner.done-retention", DURATION, "24h",
            "How long a finished batch's id is remembered to drop late, re-delivered chunks.").readBy(MINER).build();
    public static final RunOption SELECTOR_THREADS = option("miner.selector-threads", INTEGER, null,
            "Threads of the triplet selector (none: the available processors).").local("1").readBy(MINER).build();

    // Training.

    public static final RunOption ARCHITECTURE = option("trainer.architecture", TEXT, "small-cnn",
            "The network: inception-resnet-v1 (the reference's, 160 px) or small-cnn (a fast CPU network, 64 px).")
            .reference("model_def").referenceDefault("inception-resnet-v1")
            .choices("inception-resnet-v1", "small-cnn").cli("--architecture").readBy(TRAINER).build();
    public static final RunOption CHECKPOINT_DIR = option("trainer.checkpoint-dir", PATH,
            "${java.io.tmpdir}/facenet-checkpoints", "Where the trainer writes its checkpoints.")
            .readBy(TRAINER).build();
    public static final RunOption KEEP_CHECKPOINTS = option("trainer.keep-checkpoints", INTEGER, "3",
            "Checkpoints kept on disk.").readBy(TRAINER).build();
    public static final RunOption CHECKPOINT_EVERY = option("trainer.checkpoint-every", INTEGER, "0",
            "Checkpoint (and refresh the embedders, evaluate) every N steps; 0: every epoch, as the reference.")
            .cli("--checkpoint-every").readBy(TRAINER).build();
    public static final RunOption MAX_STEPS = option("trainer.max-steps", INTEGER, "0",
            "Stop training at this global step (0: never); up counts --max-steps from where it resumes.")
            .cli("--max-steps").readBy(TRAINER).build();
    public static final RunOption MAX_STALENESS = option("trainer.max-staleness", INTEGER, "0",
            "Drop triplet batches mined with a model more than N steps old (0: never).").cli("--max-staleness")
            .readBy(TRAINER).build();
    public static final RunOption MAX_REJECTED_STEPS = option("trainer.max-rejected-steps", INTEGER, "5",
            "Stop with an error after this many steps in a row had a non-finite loss or gradient.")
            .readBy(TRAINER).build();
    public static final RunOption ADVERTISED_URL = option("trainer.advertised-url", TEXT, null,
            "Base URL the embedders and the evaluator fetch checkpoints from (none: the trainer's HTTP address).")
            .readBy(TRAINER).build();
    public static final RunOption OPTIMIZER = option("trainer.options.optimizer", TEXT, "ADAGRAD",
            "The optimizer, with TF 1.x's update rules.").reference("optimizer").choices("ADAGRAD", "ADADELTA", "ADAM", "RMSPROP", "MOM")
            .cli("--optimizer").readBy(TRAINER).build();
    public static final RunOption LEARNING_RATE = option("trainer.options.learning_rate", DECIMAL, "0.1",
            "Initial learning rate; <= 0 reads the schedule file.").reference("learning_rate").cli("--learning-rate")
            .readBy(TRAINER).build();
    public static final RunOption LEARNING_RATE_DECAY_EPOCHS = option("trainer.options.learning_rate_decay_epochs",
            INTEGER, "100", "Epochs between learning-rate decays.").reference("learning_rate_decay_epochs")
            .cli("--learning-rate-decay-epochs").readBy(TRAINER).build();
    public static final RunOption LEARNING_RATE_DECAY_FACTOR = option("trainer.options.learning_rate_decay_factor",
            DECIMAL, "1.0", "Learning-rate decay factor.").reference("learning_rate_decay_factor")
            .cli("--learning-rate-decay-factor").readBy(TRAINER).build();
    public static final RunOption LEARNING_RATE_SCHEDULE_FILE = option("trainer.options.learning_rate_schedule_file",
            PATH, "data/learning_rate_schedule.txt", "'epoch: lr' lines, read when the learning rate is <= 0.")
            .reference("learning_rate_schedule_file").cli("--learning-rate-schedule-file").readBy(TRAINER).build();
    public static final RunOption EPOCH_SIZE = option("trainer.options.epoch_size", INTEGER, "1000",
            "Training steps per epoch.").reference("epoch_size").local("100").cli("--epoch-size").readBy(TRAINER).build();
    public static final RunOption WEIGHT_DECAY = option("trainer.options.weight_decay", DECIMAL, "0.0",
            "L2 weight regularisation.").reference("weight_decay").cli("--weight-decay").readBy(TRAINER).build();
    public static final RunOption KEEP_PROBABILITY = option("trainer.options.keep_probability", DECIMAL, "1.0",
            "Dropout keep probability of the bottleneck.").reference("keep_probability").cli("--keep-probability")
            .readBy(TRAINER).build();
    public static final RunOption EMBEDDING_SIZE = option("trainer.options.embedding_size", INTEGER, "128",
            "Embedding dimension.").reference("embedding_size").cli("--embedding-size").readBy(TRAINER).build();
    public static final RunOption IMAGE_SIZE = option("trainer.options.image_size", INTEGER, "0",
            "Network input size in pixels; 0: the network's own (160 for inception-resnet-v1, the reference's; 64 for"
                    + " small-cnn).").reference("image_size").cli("--image-size").readBy(TRAINER).build();

    // Evaluation on LFW.

    public static final RunOption LFW_DIR = option("evaluator.lfw-dir", PATH, null,
            "LFW-style evaluation images, DIR/name/name_%04d.(png|jpg) (required; up: generated).")
            .reference("lfw_dir").cli("--lfw-dir").readBy(EVALUATOR).build();
    public static final RunOption PAIRS = option("evaluator.pairs", PATH, null,
            "The LFW pairs file (required; up: generated).").reference("lfw_pairs").referenceDefault("data/pairs.txt")
            .cli("--pairs").readBy(EVALUATOR).build();
    public static final RunOption EVALUATOR_CACHE_DIR = option("evaluator.cache-dir", PATH,
            "${java.io.tmpdir}/facenet-evaluator-cache", "Where the evaluator keeps the checkpoints it fetched.")
            .readBy(EVALUATOR).build();
    public static final RunOption FOLDS = option("evaluator.folds", INTEGER, "10",
            "Cross-validation folds.").reference("lfw_nrof_folds").readBy(EVALUATOR).build();
    public static final RunOption DISTANCE_METRIC = option("evaluator.distance-metric", INTEGER, "0",
            "0: squared L2, 1: angular.").reference("lfw_distance_metric").choices("0", "1").readBy(EVALUATOR).build();
    public static final RunOption SUBTRACT_MEAN = option("evaluator.subtract-mean", BOOLEAN, "false",
            "Subtract the training folds' mean embedding before distances.").reference("lfw_subtract_mean")
            .readBy(EVALUATOR).build();
    public static final RunOption FLIPPED = option("evaluator.flipped", BOOLEAN, "false",
            "Evaluate with the mirror image's embedding concatenated.").reference("lfw_use_flipped_images")
            .readBy(EVALUATOR).build();
    public static final RunOption SKIP_BEHIND = option("evaluator.skip-behind", BOOLEAN, "false",
            "When checkpoints come faster than evaluations, evaluate only the newest waiting one.")
            .readBy(EVALUATOR).build();

    private static final List<RunOption> ALL = List.of(
            BOOTSTRAP_SERVERS, REGISTRY_URL, MODEL_NAME, DATA_DIR,
            PEOPLE_PER_BATCH, IMAGES_PER_PERSON, SEED, BATCH_SIZE, CHUNK_SIZE, MAX_IN_FLIGHT_BATCHES, BATCH_TIMEOUT,
            STRATEGY, ALPHA, EMBED_BATCH_NORM, RANDOM_CROP, RANDOM_FLIP, FIXED_STANDARDIZATION,
            EMBEDDER_CACHE_DIR, MODELS_KEPT, CACHED_CHECKPOINTS, VERSION_WAIT, MAX_ATTEMPTS, EMBEDDER_ID,
            TESTING_NON_FINITE_CHUNKS,
            MAX_TRIPLETS_PER_RECORD, DONE_RETENTION, SELECTOR_THREADS,
            ARCHITECTURE, CHECKPOINT_DIR, KEEP_CHECKPOINTS, CHECKPOINT_EVERY, MAX_STEPS, MAX_STALENESS,
            MAX_REJECTED_STEPS, ADVERTISED_URL, OPTIMIZER, LEARNING_RATE, LEARNING_RATE_DECAY_EPOCHS,
            LEARNING_RATE_DECAY_FACTOR, LEARNING_RATE_SCHEDULE_FILE, EPOCH_SIZE, WEIGHT_DECAY, KEEP_PROBABILITY,
            EMBEDDING_SIZE, IMAGE_SIZE,
            LFW_DIR, PAIRS, EVALUATOR_CACHE_DIR, FOLDS, DISTANCE_METRIC, SUBTRACT_MEAN, FLIPPED, SKIP_BEHIND);

    private RunOptions() {
    }

    /** Every option, in the doc's order. */
    public static List<RunOption> all() {
        return ALL;
    }

    /** The options a stage reads. */
    public static List<RunOption> readBy(Stage stage) {
        return ALL.stream().filter(o -> o.stages().contains(stage)).toList();
    }

    /** The option a stage reads under a property ({@code facenet.sampler.alpha}), if any. */
    public static Optional<RunOption> byProperty(Stage stage, String property) {
        return ALL.stream().filter(o -> o.stages().contains(stage) && o.property(stage).equals(property)).findFirst();
    }

    /** The option any stage reads under a property, if any. */
    public static Optional<RunOption> byProperty(String property) {
        return ALL.stream().filter(o -> o.stages().stream().anyMatch(s -> o.property(s).equals(property))).findFirst();
    }

    /** The option with the reference's argument name ({@code people_per_batch}), if any. */
    public static Optional<RunOption> byReferenceName(String referenceName) {
        return ALL.stream().filter(o -> referenceName.equals(o.referenceName())).findFirst();
    }

    /** The reference-named options the trainer reads from its options map, with their defaults in a profile. */
    public static Map<String, String> trainingOptionDefaults(Profile profile) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RunOption o : readBy(TRAINER)) {
            if (o.property(TRAINER).startsWith(RunOption.PREFIX + RunOption.TRAINER_OPTIONS)) {
                m.put(o.referenceName(), o.defaultIn(profile));
            }
        }
        return m;
    }
}
