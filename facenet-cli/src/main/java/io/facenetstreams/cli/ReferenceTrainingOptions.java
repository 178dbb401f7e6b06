package io.facenetstreams.cli;

import io.facenetstreams.core.config.Profile;
import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.OptimizerKind;
import io.facenetstreams.core.train.TrainingOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The reference's training options ({@code train_tripletloss.py}'s argument names; the kebab-case spelling works
 * too), shared by {@code train-sequential} and {@code up}. An option not given takes its value from a
 * {@link Defaults} profile: the reference's own defaults for {@code train-sequential}, and a profile that runs
 * on a laptop CPU for {@code up}.
 */
final class ReferenceTrainingOptions {

    /** Defaults of the options that differ between the reference and a local CPU run, from the catalogue's profiles. */
    record Defaults(String modelDef, int peoplePerBatch, int imagesPerPerson, int epochSize) {
        /** train_tripletloss.py's defaults. */
        static final Defaults REFERENCE = of(Profile.REFERENCE);
        /** A pipeline that shows learning within minutes on 2 CPU cores. */
        static final Defaults LOCAL = of(Profile.LOCAL);

        private static Defaults of(Profile profile) {
            return new Defaults(RunOptions.ARCHITECTURE.defaultIn(profile),
                    Integer.parseInt(RunOptions.PEOPLE_PER_BATCH.defaultIn(profile)),
                    Integer.parseInt(RunOptions.IMAGES_PER_PERSON.defaultIn(profile)),
                    Integer.parseInt(RunOptions.EPOCH_SIZE.defaultIn(profile)));
        }
    }

    @Option(names = {"--model_def", "--model-def", "--architecture"}, paramLabel = "NAME",
            description = "Network: inception-resnet-v1 (the reference's models.inception_resnet_v1, 160 px) or small-cnn (a fast"
                    + " CPU network, 64 px). Default: inception-resnet-v1 for train-sequential (the reference's), small-cnn for up.")
    String modelDef;

    @Option(names = {"--batch_size", "--batch-size"}, paramLabel = "N",
            description = "Images per training step and forward pass, a multiple of 3 (default: 90).")
    Integer batchSize;

    @Option(names = {"--image_size", "--image-size"}, paramLabel = "PX",
            description = "Network input size (default: the network's own, 160 or 64).")
    Integer imageSize;

    @Option(names = {"--people_per_batch", "--people-per-batch"}, paramLabel = "N",
            description = "Identities per people-batch (default: 45 for train-sequential, 30 for up).")
    Integer peoplePerBatch;

    @Option(names = {"--images_per_person", "--images-per-person"}, paramLabel = "N",
            description = "Images per identity in a people-batch (default: 40 for train-sequential, 10 for up).")
    Integer imagesPerPerson;

    @Option(names = {"--epoch_size", "--epoch-size"}, paramLabel = "STEPS",
            description = "Training steps per epoch (default: 1000 for train-sequential, 100 for up).")
    Integer epochSize;

    @Option(names = "--alpha", paramLabel = "MARGIN", description = "Triplet-loss margin (default: 0.2).")
    Double alpha;

    @Option(names = {"--embedding_size", "--embedding-size"}, paramLabel = "D", description = "Embedding dimension (default: 128).")
    Integer embeddingSize;

    @Option(names = {"--random_crop", "--random-crop"}, description = "Random crops of training images (else central crop-or-pad).")
    boolean randomCrop;

    @Option(names = {"--random_flip", "--random-flip"}, description = "Random horizontal flips of training images.")
    boolean randomFlip;

    @Option(names = {"--keep_probability", "--keep-probability"}, paramLabel = "P",
            description = "Dropout keep probability of the bottleneck (default: 1.0).")
    Float keepProbability;

    @Option(names = {"--weight_decay", "--weight-decay"}, paramLabel = "WD", description = "L2 weight regularisation (default: 0.0).")
    Double weightDecay;

    @Option(names = "--optimizer", paramLabel = "OPT", description = "ADAGRAD, ADADELTA, ADAM, RMSPROP or MOM (default: ADAGRAD).")
    String optimizer;

    @Option(names = {"--learning_rate", "--learning-rate"}, paramLabel = "LR",
            description = "Initial learning rate; <= 0 reads --learning_rate_schedule_file (default: 0.1).")
    Double learningRate;

    @Option(names = {"--learning_rate_decay_epochs", "--learning-rate-decay-epochs"}, paramLabel = "E",
            description = "Epochs between learning-rate decays (default: 100).")
    Integer learningRateDecayEpochs;

    @Option(names = {"--learning_rate_decay_factor", "--learning-rate-decay-factor"}, paramLabel = "F",
            description = "Learning-rate decay factor (default: 1.0).")
    Double learningRateDecayFactor;

    @Option(names = {"--learning_rate_schedule_file", "--learning-rate-schedule-file"}, paramLabel = "FILE",
            description = "'epoch: lr' lines, used when --learning_rate <= 0 (default: data/learning_rate_schedule.txt).")
    Path learningRateScheduleFile;

    @Option(names = {"--moving_average_decay", "--moving-average-decay"}, paramLabel = "D",
            description = "Accepted for the reference's sake and unused: facenet's saver never kept the averages.")
    Double movingAverageDecay;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 666).")
    Long seed;

    NetworkArchitecture architecture(Defaults defaults) {
        String name = modelDef != null ? modelDef : defaults.modelDef();
        return NetworkArchitecture.fromName(name.startsWith("models.") ? name.substring("models.".length()) : name);
    }

    int peoplePerBatch(Defaults defaults) {
        return peoplePerBatch != null ? peoplePerBatch : defaults.peoplePerBatch();
    }

    int imagesPerPerson(Defaults defaults) {
        return imagesPerPerson != null ? imagesPerPerson : defaults.imagesPerPerson();
    }

    TrainingOptions trainingOptions(Defaults defaults) {
        TrainingOptions d = TrainingOptions.defaults();
        return new TrainingOptions(
                optimizer != null ? OptimizerKind.fromName(optimizer) : d.optimizer(),
                learningRate != null ? learningRate : d.learningRate(),
                learningRateDecayEpochs != null ? learningRateDecayEpochs : d.learningRateDecayEpochs(),
                learningRateDecayFactor != null ? learningRateDecayFactor : d.learningRateDecayFactor(),
                learningRateScheduleFile != null ? learningRateScheduleFile : d.learningRateScheduleFile(),
                epochSize != null ? epochSize : defaults.epochSize(),
                weightDecay != null ? weightDecay : d.weightDecay(),
                keepProbability != null ? keepProbability : d.keepProbability(),
                embeddingSize != null ? embeddingSize : d.embeddingSize(),
                imageSize != null ? imageSize : d.imageSize(),
                alpha != null ? alpha : d.alpha(),
                batchSize != null ? batchSize : d.batchSize(),
                seed != null ? seed : d.seed());
    }
}
