package io.facenetstreams.core.train;

import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The reference's training options, with its names and defaults ({@code train_tripletloss.py}'s argparse).
 * {@code imageSize} 0 means the architecture's default. Build with {@link #defaults()} and the
 * {@code with...} methods, or from the reference's names with {@link #fromMap}.
 */
public record TrainingOptions(
        OptimizerKind optimizer,
        double learningRate,
        int learningRateDecayEpochs,
        double learningRateDecayFactor,
        Path learningRateScheduleFile,
        int epochSize,
        double weightDecay,
        float keepProbability,
        int embeddingSize,
        int imageSize,
        double alpha,
        int batchSize,
        long seed) {

    public TrainingOptions {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be given");
        }
        if (!Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be finite, got " + learningRate);
        }
        if (learningRate <= 0 && learningRateScheduleFile == null) {
            throw new IllegalArgumentException(
                    "learning_rate " + learningRate + " <= 0 needs a learning_rate_schedule_file");
        }
        if (learningRateDecayEpochs < 1) {
            throw new IllegalArgumentException(
                    "learning_rate_decay_epochs must be positive, got " + learningRateDecayEpochs);
        }
        if (!(learningRateDecayFactor > 0 && Double.isFinite(learningRateDecayFactor))) {
            throw new IllegalArgumentException(
                    "learning_rate_decay_factor must be positive, got " + learningRateDecayFactor);
        }
        if (epochSize < 1) {
            throw new IllegalArgumentException("epoch_size must be positive, got " + epochSize);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        }
        if (!(keepProbability > 0f && keepProbability <= 1f)) {
            throw new IllegalArgumentException("keep_probability must be in (0, 1], got " + keepProbability);
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("embedding_size must be positive, got " + embeddingSize);
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("image_size must be positive (or 0 for the network's default), got "
                    + imageSize);
        }
        if (!(alpha >= 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha must be >= 0, got " + alpha);
        }
        if (batchSize < 3 || batchSize % 3 != 0) {
            throw new IllegalArgumentException(
                    "batch_size must be a positive multiple of 3 (anchor, positive, negative), got " + batchSize);
        }
    }

    /** The reference's defaults: ADAGRAD, lr 0.1, decay every 100 epochs by 1.0, epoch 1000, alpha 0.2, batch 90, seed 666. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(OptimizerKind.ADAGRAD, 0.1, 100, 1.0, Path.of("data/learning_rate_schedule.txt"),
                1000, 0.0, 1.0f, 128, 0, 0.2, 90, 666);
    }

    /** The network these options describe for an architecture (image size 0 becomes its default). */
    public NetworkSpec networkSpec(NetworkArchitecture architecture) {
        return new NetworkSpec(architecture, embeddingSize, resolvedImageSize(architecture), keepProbability);
    }

    /** The image size, or the architecture's default when 0. */
    public int resolvedImageSize(NetworkArchitecture architecture) {
        return imageSize == 0 ? architecture.defaultImageSize() : imageSize;
    }

    public TrainingOptions withOptimizer(OptimizerKind v) {
        return new TrainingOptions(v, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize, imageSize, alpha,
                batchSize, seed);
    }

    public TrainingOptions withLearningRate(double v) {
        return new TrainingOptions(optimizer, v, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize, imageSize, alpha,
                batchSize, seed);
    }

    public TrainingOptions withLearningRateScheduleFile(Path v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor, v,
                epochSize, weightDecay, keepProbability, embeddingSize, imageSize, alpha, batchSize, seed);
    }

    public TrainingOptions withEpochSize(int v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, v, weightDecay, keepProbability, embeddingSize, imageSize, alpha, batchSize,
                seed);
    }

    public TrainingOptions withWeightDecay(double v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, v, keepProbability, embeddingSize, imageSize, alpha, batchSize,
                seed);
    }

    public TrainingOptions withEmbeddingSize(int v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, v, imageSize, alpha, batchSize, seed);
    }

    public TrainingOptions withImageSize(int v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize, v, alpha, batchSize,
                seed);
    }

    public TrainingOptions withBatchSize(int v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize, imageSize, alpha, v,
                seed);
    }

    public TrainingOptions withSeed(long v) {
        return new TrainingOptions(optimizer, learningRate, learningRateDecayEpochs, learningRateDecayFactor,
                learningRateScheduleFile, epochSize, weightDecay, keepProbability, embeddingSize, imageSize, alpha,
                batchSize, v);
    }

    /** The options under the reference's argument names, as strings (for checkpoints and records). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer.name());
        m.put("learning_rate", Double.toString(learningRate));
        m.put("learning_rate_decay_epochs", Integer.toString(learningRateDecayEpochs));
        m.put("learning_rate_decay_factor", Double.toString(learningRateDecayFactor));
        m.put("learning_rate_schedule_file", learningRateScheduleFile == null ? "" : learningRateScheduleFile.toString());
        m.put("epoch_size", Integer.toString(epochSize));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("keep_probability", Float.toString(keepProbability));
        m.put("embedding_size", Integer.toString(embeddingSize));
        m.put("image_size", Integer.toString(imageSize));
        m.put("alpha", Double.toString(alpha));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /**
     * Options from the reference's argument names; missing names keep the {@link #defaults()}, unknown names
     * and unparsable values are errors naming the option.
     */
    public static TrainingOptions fromMap(Map<String, String> values) {
        TrainingOptions d = defaults();
        Set<String> known = d.toMap().keySet();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown training option '" + key + "'");
            }
        }
        String schedule = values.getOrDefault("learning_rate_schedule_file", d.learningRateScheduleFile.toString());
        return new TrainingOptions(
                OptimizerKind.fromName(values.getOrDefault("optimizer", d.optimizer.name())),
                parseDouble(values, "learning_rate", d.learningRate),
                parseInt(values, "learning_rate_decay_epochs", d.learningRateDecayEpochs),
                parseDouble(values, "learning_rate_decay_factor", d.learningRateDecayFactor),
                schedule.isEmpty() ? null : Path.of(schedule),
                parseInt(values, "epoch_size", d.epochSize),
                parseDouble(values, "weight_decay", d.weightDecay),
                (float) parseDouble(values, "keep_probability", d.keepProbability),
                parseInt(values, "embedding_size", d.embeddingSize),
                parseInt(values, "image_size", d.imageSize),
                parseDouble(values, "alpha", d.alpha),
                parseInt(values, "batch_size", d.batchSize),
                parseLong(values, "seed", d.seed));
    }

    private static double parseDouble(Map<String, String> values, String key, double fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training option " + key + ": not a number: '" + v + "'", e);
        }
    }

    private static int parseInt(Map<String, String> values, String key, int fallback) {
        return Math.toIntExact(parseLong(values, key, fallback));
    }

    private static long parseLong(Map<String, String> values, String key, long fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training option " + key + ": not an integer: '" + v + "'", e);
        }
    }
}
