package io.facenetstreams.core.baseline;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.DatasetReader;
import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.PeopleSampler;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.mining.ReferenceTripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
import io.facenetstreams.core.stage.EmbedStage;
import io.facenetstreams.core.stage.MineStage;
import io.facenetstreams.core.stage.TrainStage;
import io.facenetstreams.core.stage.TripletImages;
import io.facenetstreams.core.train.LearningRateSchedule;
import io.facenetstreams.core.train.TripletTrainer;
import io.facenetstreams.core.eval.LfwValidation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference's training loop in one process, built from the stages the services run: sample a people-batch
 * ({@link PeopleSampler}), embed it with the current model ({@link EmbedStage}; training-mode batch norm, as
 * the seed), select triplets ({@link MineStage}), train on them in steps of {@code batch_size} images
 * ({@link TrainStage}), checkpoint and evaluate on LFW ({@link LfwValidation}) after every epoch.
 * It is the baseline the streaming pipeline is measured against.
 */
public final class SequentialTraining {


    /** One point of the learning curve. */
    public record EvaluationPoint(long step, int epoch, double accuracy, double accuracyStd, double val, double seconds) {
    }

    /** What the run did. */
    public record Result(long steps, int epochs, long peopleBatches, List<EvaluationPoint> curve,
                         CheckpointInfo lastCheckpoint, Duration elapsed) {
    }

    private final SequentialOptions options;
    private final SequentialListener listener;
    private CheckpointInfo lastCheckpoint;

    public SequentialTraining(SequentialOptions options, SequentialListener listener) {
        this.options = options;
        this.listener = listener;
    }

    public Result run() throws IOException {
        long started = System.nanoTime();
        Dataset dataset = DatasetReader.read(options.dataDir());
        PeopleSampler sampler = new PeopleSampler(dataset, options.peoplePerBatch(), options.imagesPerPerson());
        PreprocessingOptions preprocessing = PreprocessingOptions.training(options.imageSize(), options.randomCrop(),
                options.randomFlip(), options.standardisation());
        MineStage.Selector selector = options.selection() == SelectionMode.LITERAL ? ReferenceTripletSelection::select
                : new TripletSelector()::select;
        Stages stages = new Stages(new EmbedStage(dataset.datasetRoot()), new MineStage(selector),
                new TrainStage(dataset.datasetRoot()), preprocessing);
        LfwValidation lfw = options.lfwDir() == null ? null
                : LfwValidation.prepare(options.lfwDir(), options.lfwPairs(), options.lfw());
        CheckpointStore store = new CheckpointStore(options.modelsDir(), options.keepCheckpoints());
        LearningRateSchedule schedule = LearningRateSchedule.from(options.training());
        long seed = options.training().seed();
        int epochSize = options.training().epochSize();
        List<EvaluationPoint> curve = new ArrayList<>();

        try (TripletTrainer trainer = options.pretrainedModel() == null
                ? TripletTrainer.create(options.architecture(), options.training())
                : CheckpointStore.loadTrainer(options.pretrainedModel(), null, options.architecture(), options.training(),
                        ai.djl.engine.Engine.getInstance().defaultDevice())) {
            if (options.evaluateInitial() && lfw != null) {
                evaluate(trainer, lfw, curve);
            }
            long sequence = 0;
            int epoch = epochOf(trainer, epochSize);
            while (epoch < options.maxNrofEpochs() && !budgetReached(trainer)) {
                int[] batchNumber = {0};
                final int currentEpoch = epoch;
                while (batchNumber[0] < epochSize && !budgetReached(trainer)) {
                    MinedTriplets mined = mine(sampler, stages, trainer, seed, sequence);
                    stages.train().train(trainer, mined.triplets(), stages.preprocessing(), mined.alpha(), schedule::forStep, seed,
                            TrainStage.batchKey(sequence), 0, report -> {
                                if (!report.failures().isEmpty()) {
                                    listener.onImageFailures(report.failures());
                                }
                                if (report.result() != null && !report.result().applied()) {
                                    listener.onRejectedStep(report.result());
                                }
                                if (report.trained()) {
                                    batchNumber[0]++;
                                    listener.onStep(currentEpoch, batchNumber[0], epochSize, report.result());
                                    if (checkpointDue(trainer)) {
                                        checkpointAndEvaluate(trainer, store, lfw, curve);
                                    }
                                }
                                return !budgetReached(trainer);
                            });
                    sequence++;
                }
                if (options.checkpointEvery() == 0) {
                    checkpointAndEvaluate(trainer, store, lfw, curve);
                }
                epoch = epochOf(trainer, epochSize);
            }
            checkpointAndEvaluate(trainer, store, lfw, curve);
            return new Result(trainer.globalStep(), epochOf(trainer, epochSize), sequence, List.copyOf(curve), lastCheckpoint,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** A people-batch's triplets and the margin they were mined with, which the loss must use. */
    private record MinedTriplets(TripletImages triplets, double alpha) {
    }

    /** Sample, embed and mine: the stages the services run, here one after the other. */
    private MinedTriplets mine(PeopleSampler sampler, Stages stages, TripletTrainer trainer, long seed, long sequence) {
        long t0 = System.nanoTime();
        PeopleBatchSample sample = sampler.sample(seed, sequence);
        List<ImageBatchLoader.Source> images = sample.imagePaths().stream()
                .map(p -> ImageBatchLoader.Source.reference(p, null)).toList();
        EmbedStage.Result embedded = stages.embed().embed(images, stages.preprocessing(), trainer.network(),
                options.embeddingMode(), options.training().batchSize(), EmbedStage.batchKey(seed, sequence));
        if (!embedded.unreadable().isEmpty()) {
            listener.onImageFailures(embedded.unreadable());
        }
        if (!embedded.nonFinite().isEmpty()) {
            listener.onImageFailures(embedded.nonFinite());
        }
        listener.onForwardPass(sequence, images.size(), embedded.unreadable().size() + embedded.nonFinite().size(),
                (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        double alpha = options.training().alpha();
        MineStage.Outcome outcome = stages.mine().mine(sample.labels(), embedded.rows(),
                new MineStage.Request(options.strategy(), alpha, seed, sequence));
        if (outcome instanceof MineStage.NotMineable refused) {
            String holder = refused.wholeBatch() ? "" : "its image " + images.get(refused.row()).reference() + " ";
            listener.onSelection(sequence, 0, 0, (System.nanoTime() - t1) / 1e9,
                    "the batch cannot be mined: " + holder + refused.reason());
            return new MinedTriplets(new TripletImages(images, new int[0]), alpha);
        }
        MineStage.Mined mined = (MineStage.Mined) outcome;
        listener.onSelection(sequence, mined.pairsConsidered(), mined.tripletCount(), (System.nanoTime() - t1) / 1e9,
                mined.note());
        return new MinedTriplets(new TripletImages(images, mined.tripletRows()), mined.alpha());
    }

    /** The stages of one run, with the preprocessing its batches ask for. */
    private record Stages(EmbedStage embed, MineStage mine, TrainStage train, PreprocessingOptions preprocessing) {
    }

    /** Saves and evaluates the model at the current step, once per step however often it is asked. */
    private void checkpointAndEvaluate(TripletTrainer trainer, CheckpointStore store, LfwValidation lfw,
                                       List<EvaluationPoint> curve) {
        if (lastCheckpoint != null && lastCheckpoint.version() == trainer.globalStep()) {
            return;
        }
        int epoch = epochOf(trainer, options.training().epochSize());
        try {
            lastCheckpoint = store.save(trainer, epoch, Map.of("source", "train-sequential",
                    CheckpointInfo.STANDARDISATION_KEY, options.standardisation().cliName()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint of step " + trainer.globalStep() + " in "
                    + store.directory() + ": " + e.getMessage(), e);
        }
        listener.onCheckpoint(lastCheckpoint);
        if (lfw != null) {
            evaluate(trainer, lfw, curve);
        }
    }

    private void evaluate(TripletTrainer trainer, LfwValidation lfw, List<EvaluationPoint> curve) {
        LfwValidation.Result result;
        try {
            result = lfw.evaluate(trainer.network());
        } catch (IOException e) {
            throw new UncheckedIOException("LFW evaluation failed: " + e.getMessage(), e);
        }
        int epoch = epochOf(trainer, options.training().epochSize());
        listener.onEvaluation(trainer.globalStep(), epoch, result);
        curve.add(new EvaluationPoint(trainer.globalStep(), epoch, result.evaluation().accuracyMean(),
                result.evaluation().accuracyStd(), result.evaluation().valMean(), result.millis() / 1000.0));
    }

    private boolean budgetReached(TripletTrainer trainer) {
        return options.maxSteps() > 0 && trainer.globalStep() >= options.maxSteps();
    }

    private boolean checkpointDue(TripletTrainer trainer) {
        return options.checkpointEvery() > 0 && trainer.globalStep() > 0 && trainer.globalStep() % options.checkpointEvery() == 0;
    }

    private static int epochOf(TripletTrainer trainer, int epochSize) {
        return (int) (trainer.globalStep() / epochSize);
    }
}
