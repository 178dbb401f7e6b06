package io.facenetstreams.cli;

import io.facenetstreams.core.baseline.SelectionMode;
import io.facenetstreams.core.baseline.SequentialListener;
import io.facenetstreams.core.baseline.SequentialOptions;
import io.facenetstreams.core.baseline.SequentialTraining;
import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.data.MissingImagePolicy;
import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.eval.DistanceMetric;
import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.image.ImageBatchLoader;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.train.StepResult;
import io.facenetstreams.core.eval.LfwValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./facenet train-sequential}: the reference's training loop in one process, the pipeline's baseline. */
@Command(name = "train-sequential", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train with the reference's loop in one process (the pipeline's baseline).",
            "",
            "Runs facenet's train_tripletloss.py loop: sample a people-batch, embed it, select triplets with a literal"
                + " port of select_triplets, train in steps of batch_size images, checkpoint and evaluate on LFW after"
                + " every epoch. Arguments keep the reference's names and defaults (kebab-case works too)."})
final class TrainSequentialCommand implements Callable<Integer> {

    @Option(names = {"--data_dir", "--data-dir"}, required = true, paramLabel = "DIR",
            description = "Training images, one folder per identity.")
    Path dataDir;

    @Option(names = {"--lfw_dir", "--lfw-dir"}, paramLabel = "DIR", description = "LFW-style evaluation images (none: no evaluation).")
    Path lfwDir;

    @Option(names = {"--lfw_pairs", "--pairs"}, defaultValue = "data/pairs.txt", paramLabel = "FILE",
            description = "The pairs file (default: ${DEFAULT-VALUE}).")
    Path lfwPairs;

    @Option(names = {"--lfw_nrof_folds", "--lfw-folds"}, defaultValue = "10", paramLabel = "K",
            description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int lfwFolds;

    @Option(names = {"--models_base_dir", "--models-dir"}, defaultValue = "~/models/facenet", paramLabel = "DIR",
            description = "Checkpoints go to DIR/<yyyyMMdd-HHmmss>/ (default: ${DEFAULT-VALUE}).")
    String modelsBaseDir;

    @Option(names = {"--logs_base_dir", "--logs-dir"}, defaultValue = "~/logs/facenet", paramLabel = "DIR",
            description = "arguments.txt and lfw_result.txt go to DIR/<yyyyMMdd-HHmmss>/ (default: ${DEFAULT-VALUE}).")
    String logsBaseDir;

    @Option(names = {"--pretrained_model", "--pretrained-model"}, paramLabel = "FILE.ckpt", description = "Start from this checkpoint.")
    Path pretrainedModel;

    @Option(names = {"--max_nrof_epochs", "--max-epochs"}, defaultValue = "500", paramLabel = "N",
            description = "Epochs to run (default: ${DEFAULT-VALUE}).")
    int maxNrofEpochs;

    @Option(names = {"--gpu_memory_fraction"}, defaultValue = "1.0", paramLabel = "F",
            description = "Accepted for the reference's sake; PyTorch allocates GPU memory as needed.")
    double gpuMemoryFraction;

    @Mixin
    ReferenceTrainingOptions training;

    // Extensions, each defaulting to the reference's behaviour.

    @Option(names = "--selection", defaultValue = "literal", paramLabel = "literal|fast",
            description = "literal: the port of the reference's select_triplets; fast: the TripletSelector (default: ${DEFAULT-VALUE}).")
    String selection;

    @Option(names = "--strategy", defaultValue = "vggface", paramLabel = "S",
            description = "vggface (the reference's), semihard, hard, all, batch-hard (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--max_steps", defaultValue = "0", paramLabel = "N", description = "Stop after N global steps (0: no limit).")
    long maxSteps;

    @Option(names = "--checkpoint_every", defaultValue = "0", paramLabel = "STEPS",
            description = "Checkpoint and evaluate every N steps (0: after every epoch, as the seed).")
    long checkpointEvery;

    @Option(names = "--keep_checkpoints", defaultValue = "3", paramLabel = "K", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    @Option(names = "--embed_batch_norm", defaultValue = "training", paramLabel = "training|inference",
            description = "Batch norm of the selection pass: training (batch statistics, the reference's) or inference.")
    String embedBatchNorm;

    @Option(names = "--use_fixed_image_standardization", description = "(x - 127.5) / 128 instead of per-image standardisation.")
    boolean fixedStandardization;

    @Option(names = "--lfw_use_flipped_images", description = "Evaluate with the mirror image's embedding concatenated.")
    boolean lfwFlipped;

    @Option(names = "--lfw_subtract_mean", description = "Subtract the training folds' mean embedding before distances.")
    boolean lfwSubtractMean;

    @Option(names = "--lfw_distance_metric", defaultValue = "0", paramLabel = "0|1",
            description = "0: squared L2, 1: angular (default: ${DEFAULT-VALUE}).")
    int lfwDistanceMetric;

    @Option(names = "--no_initial_evaluation", description = "Do not evaluate the untrained network first.")
    boolean noInitialEvaluation;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        String subdir = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path modelDir = expand(modelsBaseDir).resolve(subdir);
        Path logDir = expand(logsBaseDir).resolve(subdir);
        ReferenceTrainingOptions.Defaults defaults = ReferenceTrainingOptions.Defaults.REFERENCE;
        var trainingOptions = training.trainingOptions(defaults);
        Standardisation standardisation = Standardisation.of(fixedStandardization);
        LfwValidation.Options lfw = new LfwValidation.Options(lfwFolds, DistanceMetric.fromCode(lfwDistanceMetric),
                lfwSubtractMean, lfwFlipped, standardisation, trainingOptions.batchSize(), MissingImagePolicy.FAIL);
        SequentialOptions options = new SequentialOptions(dataDir, lfwDir, lfwDir == null ? null : lfwPairs, modelDir,
                pretrainedModel, training.architecture(defaults), trainingOptions, training.peoplePerBatch(defaults),
                training.imagesPerPerson(defaults), maxNrofEpochs, training.randomCrop, training.randomFlip, standardisation,
                SelectionMode.fromName(selection), MiningStrategy.fromName(strategy), batchNorm(embedBatchNorm),
                keepCheckpoints, maxSteps, checkpointEvery, !noInitialEvaluation, lfw);
        // Options first (a typo fails at once), then the engine, before any directory is made or step is run.
        EngineCheck.verify("train-sequential");
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("arguments.txt"), options + "\n", StandardCharsets.UTF_8);
        out.println("Model directory: " + modelDir);
        out.println("Log directory: " + logDir);
        if (pretrainedModel != null) {
            out.println("Pre-trained model: " + pretrainedModel);
        }
        if (lfwDir != null) {
            out.println("LFW directory: " + lfwDir);
        }
        out.printf(Locale.ROOT, "Network %s at %d px, %s selection (%s), %d people x %d images per batch%n",
                options.architecture().cliName(), options.imageSize(), options.selection().cliName(),
                options.strategy().cliName(), options.peoplePerBatch(), options.imagesPerPerson());
        Printer printer = new Printer(out, logDir);
        SequentialTraining.Result result = new SequentialTraining(options, printer).run();
        double seconds = result.elapsed().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "Done: %d steps, %d people-batches in %.1f s (%.1f steps/min); training steps took %.0f%%"
                        + " of the time (the rest: sampling, embedding, selection, evaluation)%n", result.steps(),
                result.peopleBatches(), seconds, result.steps() * 60 / seconds, 100.0 * printer.stepMillis / 1000 / seconds);
        if (!result.curve().isEmpty()) {
            out.println("LFW accuracy per checkpoint (step: accuracy):");
            for (SequentialTraining.EvaluationPoint p : result.curve()) {
                out.printf(Locale.ROOT, "  %d: %.5f+-%.5f  VAL %.5f%n", p.step(), p.accuracy(), p.accuracyStd(), p.val());
            }
        }
        return 0;
    }

    static BatchNormMode batchNorm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "training", "train" -> BatchNormMode.TRAINING;
            case "inference", "eval" -> BatchNormMode.INFERENCE;
            default -> throw new IllegalArgumentException("batch norm mode must be training or inference, got '" + name + "'");
        };
    }

    private static Path expand(String path) {
        return path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
    }

    /** Prints progress as the reference does, and appends to lfw_result.txt like it. */
    private static final class Printer implements SequentialListener {
        private final PrintStream out;
        private final Path logDir;
        private final long started = System.nanoTime();
        private long stepMillis;

        Printer(PrintStream out, Path logDir) {
            this.out = out;
            this.logDir = logDir;
        }

        @Override
        public void onForwardPass(long sequence, int images, int failed, double seconds) {
            out.printf(Locale.ROOT, "Running forward pass on sampled images: %.3f%n", seconds);
        }

        @Override
        public void onSelection(long sequence, long pairsConsidered, int triplets, double seconds, String note) {
            out.printf(Locale.ROOT, "(pairs considered, triplets) = (%d, %d): time=%.3f seconds%s%n", pairsConsidered,
                    triplets, seconds, note.isEmpty() ? "" : " (" + note + ")");
        }

        @Override
        public void onStep(int epoch, int batchNumber, int epochSize, StepResult r) {
            stepMillis += r.stepMillis();
            out.printf(Locale.ROOT, "Epoch: [%d][%d/%d]\tTime %.3f\tLoss %2.3f%n", epoch, batchNumber, epochSize,
                    r.stepMillis() / 1000.0, r.totalLoss());
        }

        @Override
        public void onRejectedStep(StepResult r) {
            out.printf(Locale.ROOT, "Step not applied (model kept at step %d): %s%n", r.globalStep(), r.rejected());
        }

        @Override
        public void onImageFailures(List<ImageBatchLoader.Failure> failures) {
            failures.forEach(f -> out.println("Skipped image " + f.image() + ": " + f.reason()));
        }

        @Override
        public void onCheckpoint(CheckpointInfo c) {
            out.printf(Locale.ROOT, "Saved checkpoint %s (step %d, %.1f MB)%n", c.path(), c.version(), c.sizeBytes() / 1e6);
        }

        @Override
        public void onEvaluation(long step, int epoch, LfwValidation.Result result) {
            LfwEvaluation e = result.evaluation();
            out.printf(Locale.ROOT, "LFW at step %d, %.0f s into the run (evaluation took %.1f s):%n", step,
                    (System.nanoTime() - started) / 1e9, result.millis() / 1000.0);
            out.printf(Locale.ROOT, "Accuracy: %1.3f+-%1.3f%n", e.accuracyMean(), e.accuracyStd());
            out.printf(Locale.ROOT, "Validation rate: %2.5f+-%2.5f @ FAR=%2.5f%n", e.valMean(), e.valStd(), e.farMean());
            out.flush();
            try {
                Files.writeString(logDir.resolve("lfw_result.txt"),
                        String.format(Locale.ROOT, "%d\t%.5f\t%.5f%n", step, e.accuracyMean(), e.valMean()),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ex) {
                out.println("could not append to " + logDir.resolve("lfw_result.txt") + ": " + ex.getMessage());
            }
        }
    }
}
