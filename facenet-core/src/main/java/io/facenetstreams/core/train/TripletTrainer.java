package io.facenetstreams.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;
import io.facenetstreams.core.model.NoGradScope;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns one network and trains it one triplet batch at a time, as the reference's {@code sess.run(train_op)}:
 * forward in training mode (batch statistics, dropout), triplet loss plus weight decay, backward, one
 * update by the reference's optimizer, global step + 1. It also embeds with its live parameters.
 *
 * <p>Not thread-safe, and one training step at a time per JVM (DJL's PyTorch gradient collector is a
 * process-wide singleton). Weights start from {@link io.facenetstreams.core.model.SeededXavierInitializer}
 * (bit-identical for a seed); dropout masks, when {@code keep_probability < 1}, come from the engine's
 * generator, seeded here with the same seed. Each step's temporaries live in an {@link NDScope} and are
 * freed when the step returns.
 */
public final class TripletTrainer implements AutoCloseable {

    private final TrainingOptions options;
    private final NetworkSpec spec;
    private final EmbeddingModel network;
    private final TfOptimizer optimizer;
    private final ParameterStore trainingStore;
    private final WeightDecay weightDecay;
    private final List<Parameter> parameters;
    private final List<Parameter> movingStatistics;
    private long globalStep;
    private int maxRejectedSteps = DEFAULT_MAX_REJECTED_STEPS;
    private int rejectedInARow;

    /** Steps in a row with a non-finite loss or gradient after which training stops. */
    public static final int DEFAULT_MAX_REJECTED_STEPS = 5;

    private TripletTrainer(TrainingOptions options, EmbeddingModel network, long globalStep) {
        this.options = options;
        this.spec = network.spec();
        this.network = network;
        this.optimizer = options.optimizer().newOptimizer();
        NDManager manager = network.djlModel().getNDManager();
        this.trainingStore = new ParameterStore(manager, false);
        this.trainingStore.setParameterServer(new LocalParameterServer(optimizer), new Device[] {network.device()});
        Block block = network.block();
        this.weightDecay = WeightDecay.of(block, options.weightDecay());
        this.parameters = new ArrayList<>(block.getParameters().values());
        this.movingStatistics = parameters.stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN
                || p.getType() == Parameter.Type.RUNNING_VAR).toList();
        this.globalStep = globalStep;
    }

    /** A new network for the architecture with seeded weights, on DJL's default device (a GPU when there is one). */
    public static TripletTrainer create(NetworkArchitecture architecture, TrainingOptions options) {
        return create(architecture, options, Engine.getInstance().defaultDevice());
    }

    /** A new network for the architecture with seeded weights, on the given device. */
    public static TripletTrainer create(NetworkArchitecture architecture, TrainingOptions options, Device device) {
        NetworkSpec spec = options.networkSpec(architecture);
        Engine.getInstance().setRandomSeed((int) options.seed());  // dropout masks only
        return new TripletTrainer(options, EmbeddingModel.untrained(spec, options.seed(), device), 0);
    }

    /**
     * A trainer continuing from saved state: the parameters written by {@link #saveParameters}, the global
     * step, and optionally the optimizer's slots written by {@link #saveOptimizerState} (ignored, leaving
     * fresh slots, when they belong to another optimizer than {@code options.optimizer()}).
     */
    public static TripletTrainer resume(NetworkArchitecture architecture, TrainingOptions options, Device device,
            long globalStep, DataInputStream parameters, DataInputStream optimizerState) throws IOException {
        if (globalStep < 0) {
            throw new IllegalArgumentException("global step must be >= 0, got " + globalStep);
        }
        NetworkSpec spec = options.networkSpec(architecture);
        Engine.getInstance().setRandomSeed((int) (options.seed() + globalStep));
        EmbeddingModel network = EmbeddingModel.load(spec, parameters, device);
        TripletTrainer trainer = new TripletTrainer(options, network, globalStep);
        if (optimizerState != null) {
            try {
                trainer.optimizer.loadState(optimizerState, trainer.parameters, network.djlModel().getNDManager());
            } catch (IOException | RuntimeException e) {
                trainer.close();
                throw e;
            }
        }
        return trainer;
    }

    /**
     * One training step on triplet images in (anchor, positive, negative, ...) order, each a CHW
     * {@code float[3*S*S]}. The count must be a positive multiple of 3 (the reference's last batch of an epoch
     * may hold fewer than {@code batch_size} images). The loss's margin is {@code options().alpha()}.
     */
    public StepResult step(float[][] tripletImages, double learningRate) {
        return step(tripletImages, learningRate, options.alpha());
    }

    /**
     * One training step as {@link #step(float[][], double)}, with the loss's margin {@code alpha}: the margin
     * the triplets were mined with, so that selection and loss agree on which triplets violate it.
     */
    public StepResult step(float[][] tripletImages, double learningRate, double alpha) {
        long start = System.nanoTime();
        checkAlpha(alpha);
        checkTripletCount(tripletImages.length);
        float[] flat = network.flatten(tripletImages, "triplet image");
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray batch = network.djlModel().getNDManager()
                    .create(flat, EmbeddingModel.inputShape(spec, tripletImages.length));
            return train(batch, learningRate, alpha, start);
        }
    }

    /** One training step on a (3T, 3, S, S) batch already on this trainer's device, with margin {@code options().alpha()}. */
    public StepResult step(NDArray tripletBatch, double learningRate) {
        long start = System.nanoTime();
        checkTripletCount(tripletBatch.getShape().get(0));
        if (!tripletBatch.getShape().equals(EmbeddingModel.inputShape(spec, tripletBatch.getShape().get(0)))) {
            throw new IllegalArgumentException("triplet batch has shape " + tripletBatch.getShape() + ", expected (3T, 3, "
                    + spec.imageSize() + ", " + spec.imageSize() + ")");
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return train(tripletBatch, learningRate, options.alpha(), start);
        }
    }

    private static void checkTripletCount(long images) {
        if (images < 3 || images % 3 != 0) {
            throw new IllegalArgumentException("a triplet batch needs a positive multiple of 3 images"
                    + " (anchor, positive, negative), got " + images);
        }
    }

    private static void checkAlpha(double alpha) {
        if (!Double.isFinite(alpha) || alpha < 0) {
            throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
        }
    }

    private StepResult train(NDArray batch, double learningRate, double alpha, long start) {
        optimizer.setLearningRate((float) learningRate);
        // Batch norm updates its moving statistics during the forward pass: keep them to undo a rejected step.
        List<NDArray> statistics = movingStatistics.stream().map(p -> p.getArray().duplicate()).toList();
        NDArray tripletLoss;
        NDArray regularization;
        NDArray total;
        String rejected;
        double totalValue;
        // Autograd off outside the collector: libtorch refuses in-place updates of leaves that record.
        try (NoGradScope noGrad = NoGradScope.open()) {
            noGrad.suppressNotUsedWarning();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray embeddings = network.block().forward(trainingStore, new NDList(batch), true).singletonOrThrow();
                tripletLoss = TripletLoss.compute(embeddings, (float) alpha);
                regularization = weightDecay.penalty(embeddings.getManager());
                total = tripletLoss.add(regularization);
                collector.backward(total);
            }
            totalValue = total.getFloat();
            rejected = nonFinite((float) totalValue);
            if (rejected == null) {
                trainingStore.updateAllParameters();
            } else {
                undo(statistics);
            }
        }
        double tripletValue = tripletLoss.getFloat();
        double regularizationValue = regularization.getFloat();
        long millis = (System.nanoTime() - start) / 1_000_000;
        int triplets = (int) (batch.getShape().get(0) / 3);
        if (rejected != null) {
            rejectedInARow++;
            if (rejectedInARow >= maxRejectedSteps) {
                throw new TrainingDivergedException(rejectedInARow + " training steps in a row were rejected at global step "
                        + globalStep + " (the last: " + rejected + "); stopping rather than training on garbage."
                        + " The model is kept as it was before them.");
            }
            return new StepResult(globalStep, totalValue, tripletValue, regularizationValue, learningRate, triplets,
                    millis, rejected);
        }
        rejectedInARow = 0;
        globalStep++;
        return new StepResult(globalStep, totalValue, tripletValue, regularizationValue, learningRate, triplets, millis);
    }

    /** Why the step must not be applied (a non-finite loss or gradient), or null when it may. */
    private String nonFinite(float loss) {
        if (!Float.isFinite(loss)) {
            return "the loss is " + loss;
        }
        // One reduction over every gradient, so a GPU synchronises once per step, not once per parameter.
        NDList sums = new NDList();
        List<Parameter> withGradient = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.getArray().hasGradient()) {
                sums.add(p.getArray().getGradient().sum());
                withGradient.add(p);
            }
        }
        if (sums.isEmpty() || Float.isFinite(NDArrays.stack(sums).sum().getFloat())) {
            return null;
        }
        for (int i = 0; i < sums.size(); i++) {
            if (!Float.isFinite(sums.get(i).getFloat())) {
                return "the gradient of " + withGradient.get(i).getName() + " is not finite";
            }
        }
        // Every gradient is finite; only adding their sums together overflowed: a healthy step.
        return null;
    }

    /** Puts the moving statistics back and drops the step's gradients: the model is as before the step. */
    private void undo(List<NDArray> statistics) {
        for (int i = 0; i < movingStatistics.size(); i++) {
            movingStatistics.get(i).getArray().intern(statistics.get(i));
        }
        for (Parameter p : parameters) {
            if (p.getArray().hasGradient()) {
                TfOptimizer.zeroGradient(p.getArray());
            }
        }
    }

    /** Rejected steps in a row after which {@link #step} throws {@link TrainingDivergedException}. */
    public void setMaxRejectedSteps(int maxRejectedSteps) {
        if (maxRejectedSteps < 1) {
            throw new IllegalArgumentException("max rejected steps must be at least 1, got " + maxRejectedSteps);
        }
        this.maxRejectedSteps = maxRejectedSteps;
    }

    /** Embeds with the live parameters (see {@link EmbeddingModel#embed(float[][], BatchNormMode, boolean, int)}). */
    public float[][] embed(float[][] images, BatchNormMode mode) {
        return network.embed(images, mode, false, options.batchSize());
    }

    /** Embeds with the live parameters; {@code flipped} appends the mirror image's embedding. */
    public float[][] embed(float[][] images, BatchNormMode mode, boolean flipped) {
        return network.embed(images, mode, flipped, options.batchSize());
    }

    /** The trained network itself (live: it changes with every step; do not close it). */
    public EmbeddingModel network() {
        return network;
    }

    /** Steps taken since the network was created (continued across {@link #resume}). */
    public long globalStep() {
        return globalStep;
    }

    public TrainingOptions options() {
        return options;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Writes every parameter, batch-norm moving statistics included. */
    public void saveParameters(DataOutputStream out) throws IOException {
        network.saveParameters(out);
    }

    /** Writes the optimizer's slots (accumulators, moments) for every parameter. */
    public void saveOptimizerState(DataOutputStream out) throws IOException {
        optimizer.saveState(out, parameters);
    }

    @Override
    public void close() {
        network.close();
    }
}
