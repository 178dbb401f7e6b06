package io.facenetstreams.cli;

import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.OptimizerKind;
import io.facenetstreams.core.train.TrainingOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The seed's training options ({@code train_tripletloss.py}'s argument names and defaults; the kebab-case
 * spelling works too), shared by {@code train-sequential} and {@code up}.
 */
final class SeedTrainingOptions {

    @Option(names = {"--model_def", "--model-def", "--architecture"}, paramLabel = "NAME", defaultValue = "models.inception_resnet_v1",
            description = "Network: inception-resnet-v1 (the seed's models.inception_resnet_v1, 160 px) or small-cnn"
                    + " (a fast CPU network, 64 px) (default: ${DEFAULT-VALUE}).")
    String modelDef;

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "90", paramLabel = "N",
            description = "Images per training step and forward pass; a multiple of 3 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--image_size", "--image-size"}, defaultValue = "0", paramLabel = "PX",
            description = "Network input size (default: the network's own, 160 or 64; the seed's default is 160).")
    int imageSize;

    @Option(names = {"--people_per_batch", "--people-per-batch"}, defaultValue = "45", paramLabel = "N",
            description = "Identities per people-batch (default: ${DEFAULT-VALUE}).")
    int peoplePerBatch;

    @Option(names = {"--images_per_person", "--images-per-person"}, defaultValue = "40", paramLabel = "N",
            description = "Images per identity in a people-batch (default: ${DEFAULT-VALUE}).")
    int imagesPerPerson;

    @Option(names = {"--epoch_size", "--epoch-size"}, defaultValue = "1000", paramLabel = "STEPS",
            description = "Training steps per epoch (default: ${DEFAULT-VALUE}).")
    int epochSize;

    @Option(names = "--alpha", defaultValue = "0.2", paramLabel = "MARGIN",
            description = "Triplet-loss margin (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = {"--embedding_size", "--embedding-size"}, defaultValue = "128", paramLabel = "D",
            description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int embeddingSize;

    @Option(names = {"--random_crop", "--random-crop"}, description = "Random crops of training images (else central crop-or-pad).")
    boolean randomCrop;

    @Option(names = {"--random_flip", "--random-flip"}, description = "Random horizontal flips of training images.")
    boolean randomFlip;

    @Option(names = {"--keep_probability", "--keep-probability"}, defaultValue = "1.0", paramLabel = "P",
            description = "Dropout keep probability of the bottleneck (default: ${DEFAULT-VALUE}).")
    float keepProbability;

    @Option(names = {"--weight_decay", "--weight-decay"}, defaultValue = "0.0", paramLabel = "WD",
            description = "L2 weight regularisation (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--optimizer", defaultValue = "ADAGRAD", paramLabel = "OPT",
            description = "ADAGRAD, ADADELTA, ADAM, RMSPROP or MOM (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = {"--learning_rate", "--learning-rate"}, defaultValue = "0.1", paramLabel = "LR",
            description = "Initial learning rate; <= 0 reads --learning_rate_schedule_file (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = {"--learning_rate_decay_epochs", "--learning-rate-decay-epochs"}, defaultValue = "100", paramLabel = "E",
            description = "Epochs between learning-rate decays (default: ${DEFAULT-VALUE}).")
    int learningRateDecayEpochs;

    @Option(names = {"--learning_rate_decay_factor", "--learning-rate-decay-factor"}, defaultValue = "1.0", paramLabel = "F",
            description = "Learning-rate decay factor (default: ${DEFAULT-VALUE}).")
    double learningRateDecayFactor;

    @Option(names = {"--learning_rate_schedule_file", "--learning-rate-schedule-file"},
            defaultValue = "data/learning_rate_schedule.txt", paramLabel = "FILE",
            description = "'epoch: lr' lines, used when --learning_rate <= 0 (default: ${DEFAULT-VALUE}).")
    Path learningRateScheduleFile;

    @Option(names = {"--moving_average_decay", "--moving-average-decay"}, defaultValue = "0.9999", paramLabel = "D",
            description = "Accepted for the seed's sake and unused: facenet's saver never kept the averages.")
    double movingAverageDecay;

    @Option(names = "--seed", defaultValue = "666", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    NetworkArchitecture architecture() {
        String name = modelDef.startsWith("models.") ? modelDef.substring("models.".length()) : modelDef;
        return NetworkArchitecture.fromName(name);
    }

    TrainingOptions trainingOptions() {
        return new TrainingOptions(OptimizerKind.fromName(optimizer), learningRate, learningRateDecayEpochs,
                learningRateDecayFactor, learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize,
                imageSize, alpha, batchSize, seed);
    }
}
