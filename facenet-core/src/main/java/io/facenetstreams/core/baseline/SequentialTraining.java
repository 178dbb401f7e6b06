package io.facenetstreams.core.baseline;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.DatasetReader;
import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.PeopleSampler;
import io.facenetstreams.core.data.Seeds;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import io.facenetstreams.core.mining.MiningBatch;
import io.facenetstreams.core.mining.SeedTripletSelection;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
import io.facenetstreams.core.model.FiniteEmbedding;
import io.facenetstreams.core.train.LearningRateSchedule;
import io.facenetstreams.core.train.TripletBatchTraining;
import io.facenetstreams.core.train.TripletTrainer;
import io.facenetstreams.core.validation.LfwValidation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's training loop in one process, built from the same classes the services use: sample a
 * people-batch, embed it with the current model (training-mode batch norm, as the seed), select triplets,
 * train on them in steps of {@code batch_size} images, checkpoint and evaluate on LFW after every epoch.
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
        ImageBatchLoader loader = new ImageBatchLoader(dataset.datasetRoot(), new ImagePreprocessor(preprocessing));
        LfwValidation lfw = options.lfwDir() == null ? null
                : LfwValidation.prepare(options.lfwDir(), options.lfwPairs(), options.lfw());
        CheckpointStore store = new CheckpointStore(options.modelsDir(), options.keepCheckpoints());
        LearningRateSchedule schedule = LearningRateSchedule.from(options.training());
        TripletSelector selector = new TripletSelector();
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
                    List<ImageBatchLoader.Source> triplets = mine(sampler, loader, selector, trainer, seed, sequence);
                    TripletBatchTraining.train(trainer, loader, triplets, 0, schedule::forStep, seed, Seeds.derive(Seeds.TRAIN_STREAM, sequence),
                            report -> {
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

    /** Sample, embed and select: the triplets' images in (a, p, n) order. */
    private List<ImageBatchLoader.Source> mine(PeopleSampler sampler, ImageBatchLoader loader, TripletSelector selector,
                                               TripletTrainer trainer, long seed, long sequence) {
        long t0 = System.nanoTime();
        PeopleBatchSample sample = sampler.sample(seed, sequence);
        List<String> paths = sample.imagePaths();
        List<ImageBatchLoader.Source> sources = paths.stream().map(p -> ImageBatchLoader.Source.reference(p, null)).toList();
        ImageBatchLoader.Batch images = loader.load(sources, false, seed, Seeds.EMBED_STREAM, sequence);
        if (!images.failures().isEmpty()) {
            listener.onImageFailures(images.failures());
        }
        FiniteEmbedding.Result embedded = FiniteEmbedding.embed(images.loaded(), loaded -> trainer.network().embed(loaded,
                options.embeddingMode(), false, options.training().batchSize()));
        float[][] perRow = new float[paths.size()][];
        List<ImageBatchLoader.Failure> nonFinite = new ArrayList<>();
        for (int i = 0, k = 0; i < paths.size(); i++) {
            if (images.images()[i] != null) {
                perRow[i] = embedded.rows()[k++];
                if (perRow[i] == null) {
                    nonFinite.add(new ImageBatchLoader.Failure(i, paths.get(i), FiniteEmbedding.Result.REASON));
                }
            }
        }
        if (!nonFinite.isEmpty()) {
            listener.onImageFailures(nonFinite);
        }
        listener.onForwardPass(sequence, paths.size(), images.failures().size() + nonFinite.size(),
                (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        MiningBatch batch = MiningBatch.of(sample.labels(), perRow);
        SelectionOptions selection = SelectionOptions.forPeopleBatch(options.strategy(), options.training().alpha(), seed,
                sequence);
        TripletSelection selected = options.selection() == SelectionMode.LITERAL
                ? SeedTripletSelection.select(batch.embeddings(), batch.dim(), batch.imagesPerClass(), selection)
                : selector.select(batch.embeddings(), batch.dim(), batch.imagesPerClass(), selection);
        listener.onSelection(sequence, selected.pairsConsidered(), selected.tripletCount(), (System.nanoTime() - t1) / 1e9,
                selected.note());
        List<ImageBatchLoader.Source> triplets = new ArrayList<>(3 * selected.tripletCount());
        for (int t = 0; t < selected.tripletCount(); t++) {
            triplets.add(sources.get(batch.batchRow(selected.anchor(t))));
            triplets.add(sources.get(batch.batchRow(selected.positive(t))));
            triplets.add(sources.get(batch.batchRow(selected.negative(t))));
        }
        return triplets;
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
