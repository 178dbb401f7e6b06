package io.facenetstreams.cli;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GeneratorOptions;
import io.facenetstreams.core.synth.ProgressListener;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.stack.LocalPipeline;
import io.facenetstreams.stack.LocalStack;
import io.facenetstreams.stack.ManagedProcess;
import io.facenetstreams.stack.PipelineSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ./facenet up}: the whole pipeline on this machine, no Docker. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the whole pipeline locally: Kafka, the registry and the five services.",
            "",
            "Builds what is missing, generates the synthetic dataset on first use, starts a Kafka broker (KRaft) and the"
                + " schema registry, creates the topics, starts the trainer, the evaluator, the miner, N embedders and"
                + " the sampler as separate processes on 127.0.0.1, and prints a line per training step and each"
                + " evaluation. When no step lands for --stall-timeout seconds it says where the work waits: batches"
                + " held by the embedders, the miner or the trainer, services whose health is DOWN and why, and the"
                + " newest dead letters. Ctrl-C stops everything cleanly; state stays in the state directory, so the"
                + " next 'up' resumes where this one stopped."})
final class UpCommand implements Callable<Integer> {

    @Option(names = {"--data-dir", "--data_dir"}, paramLabel = "DIR",
            description = "Your aligned training set, one folder per identity (default: a generated synthetic set).")
    Path dataDir;

    @Option(names = {"--lfw-dir", "--lfw_dir"}, paramLabel = "DIR", description = "LFW-style evaluation images (default: generated).")
    Path lfwDir;

    @Option(names = {"--pairs", "--lfw_pairs"}, paramLabel = "FILE", description = "The LFW pairs file (default: generated).")
    Path pairs;

    @Option(names = "--embedders", defaultValue = "2", paramLabel = "N", description = "Embedder replicas (default: ${DEFAULT-VALUE}).")
    int embedders;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS",
            description = "Checkpoint (and refresh embedders, evaluate) every N steps (default: every epoch).")
    Long checkpointEvery;

    @Option(names = "--max-steps", defaultValue = "0", paramLabel = "N",
            description = "Train N steps, wait for the evaluation of the last checkpoint, stop everything and exit 0 (0: run until Ctrl-C).")
    long maxSteps;

    @Option(names = "--max-in-flight-batches", defaultValue = "2", paramLabel = "N",
            description = "People-batches between sampling and the end of their training (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-staleness", defaultValue = "0", paramLabel = "STEPS",
            description = "Drop triplets mined with a model more than N steps old (0: keep all).")
    long maxStaleness;

    @Option(names = "--strategy", defaultValue = "vggface", paramLabel = "S",
            description = "Triplet mining: vggface (the reference's), semihard, hard, all, batch-hard (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--chunk-size", paramLabel = "N",
            description = "Images per embedding request, a multiple of the batch size (default: 2 x batch size).")
    Integer chunkSize;

    @Option(names = "--stall-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "When no training step lands for this long (from the start or the last step), print which stage"
                    + " holds the batches in flight, the services whose health is DOWN and the newest dead letters; again"
                    + " every SECONDS while the stall lasts (0: never; default: ${DEFAULT-VALUE}).")
    long stallTimeout;

    @Option(names = "--quiet-steps", description = "Print a progress line every 10 steps instead of every step.")
    boolean quietSteps;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    ReferenceTrainingOptions training;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path state = stackOptions.stateDir();
        ReferenceTrainingOptions.Defaults defaults = ReferenceTrainingOptions.Defaults.LOCAL;
        TrainingOptions options = training.trainingOptions(defaults);
        int chunk = chunkSize != null ? chunkSize : 2 * options.batchSize();
        if (embedders < 1) {
            throw new IllegalArgumentException("--embedders must be at least 1, got " + embedders);
        }
        if (stallTimeout < 0) {
            throw new IllegalArgumentException("--stall-timeout must be 0 (off) or more, got " + stallTimeout);
        }
        Instant upStarted = Instant.now();
        Dataset data = dataset(state, out);
        long resumedAt = latestCheckpoint(state.resolve("checkpoints"));
        long targetStep = maxSteps > 0 ? Math.max(resumedAt, 0) + maxSteps : 0;

        PipelineSettings settings = new PipelineSettings(data.train, data.lfw, data.pairs,
                training.architecture(defaults).cliName(), options.toMap(), checkpointEvery != null ? checkpointEvery : 0,
                targetStep, maxStaleness, training.peoplePerBatch(defaults), training.imagesPerPerson(defaults), chunk,
                maxInFlight, strategy, training.randomCrop, training.randomFlip, 10);
        LocalStack.Config stack = stackOptions.config();
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "facenet up: %s, %d embedder(s), %s; state in %s%n", training.architecture(defaults).cliName(),
                embedders, targetStep > 0 ? "training to step " + targetStep : "training until Ctrl-C", state);
        LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Config(stack, CliDefaults.home(), embedders, settings),
                msg -> out.println("facenet up: " + msg));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shuttingDown = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            out.println("facenet up: stopping the services and the infrastructure...");
            pipeline.close();
            out.println("facenet up: stopped; state kept in " + state + " (run 'up' again to resume)");
            stopped.countDown();
        }, "up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("facenet up: Kafka %s, registry %s; watch any topic from another terminal, e.g.%n",
                pipeline.stack().bootstrapServers(), pipeline.stack().registryUrl());
        out.printf("  ./facenet tap triplets --bootstrap-servers %s --registry-url %s%n",
                pipeline.stack().bootstrapServers(), pipeline.stack().registryUrl());

        int exit;
        try (StallWatch stall = stallWatch(pipeline, upStarted, out)) {
            exit = watch(pipeline, targetStep, started, out, shuttingDown, stall);
        }
        if (shuttingDown.get()) {
            // Ctrl-C or SIGTERM: the shutdown hook stops everything; wait for it.
            stopped.await();
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        out.println("facenet up: stopping the services and the infrastructure...");
        pipeline.close();
        out.println("facenet up: stopped; state kept in " + state);
        return exit;
    }

    /** The stall watch, or null when --stall-timeout is 0 or the topics cannot be read (then 'up' runs without it). */
    private StallWatch stallWatch(LocalPipeline pipeline, Instant upStarted, PrintStream out) {
        if (stallTimeout == 0) {
            return null;
        }
        try {
            return StallWatch.start(pipeline, Duration.ofSeconds(stallTimeout), upStarted, out);
        } catch (RuntimeException e) {
            out.println("facenet up: no stall reports this run: cannot read the topics (" + TapCommand.rootMessage(e) + ")");
            return null;
        }
    }

    /** Prints progress and evaluations (and stall reports); returns the exit code when the run ends. */
    private int watch(LocalPipeline pipeline, long targetStep, long started, PrintStream out, AtomicBoolean shuttingDown,
                      StallWatch stall) {
        SchemaRegistryClient registry = SchemaRegistryClient.shared(RegistrySerdeConfig.of(pipeline.stack().registryUrl()));
        Map<String, Object> conf = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.stack().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long firstStep = -1;
        long lastStep = -1;
        long firstProgressAt = 0;
        long stepMillis = 0;
        Evaluation lastEvaluation = null;
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(conf, new StringDeserializer(),
                new RegistryAvroDeserializer<>(registry, true))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(Topics.TRAINING_PROGRESS, 0),
                    new TopicPartition(Topics.EVALUATIONS, 0));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (!shuttingDown.get()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof TrainingProgress p) {
                        if (firstStep < 0) {
                            firstStep = p.getStep() - 1;
                            firstProgressAt = System.nanoTime() - p.getStepMillis() * 1_000_000;
                        }
                        stepMillis += p.getStepMillis();
                        if (stall != null) {
                            stall.onProgress(p);
                        }
                        lastStep = Math.max(lastStep, p.getStep());
                        printProgress(p, out);
                    } else if (record.value() instanceof Evaluation e) {
                        lastEvaluation = e;
                        out.printf(Locale.ROOT, "EVALUATION version %d: accuracy %.5f+-%.5f  VAL %.5f+-%.5f @ FAR %.5f"
                                        + "  AUC %.4f  EER %.4f  (%d pairs, %.1f s; %.0f s after the first step)%n",
                                e.getVersion(), e.getAccuracyMean(), e.getAccuracyStd(), e.getValMean(), e.getValStd(),
                                e.getFarMean(), e.getAuc(), e.getEer(), e.getPairs(), e.getDurationMillis() / 1000.0,
                                firstStep < 0 ? 0.0 : (System.nanoTime() - firstProgressAt) / 1e9);
                        if (targetStep > 0 && e.getVersion() >= targetStep) {
                            double seconds = (System.nanoTime() - firstProgressAt) / 1e9;
                            out.printf(Locale.ROOT, "facenet up: reached step %d and evaluated it: accuracy %.5f; %d steps in"
                                            + " %.1f s from the first step (%.1f steps/min), %.1f s since 'up' started; the trainer"
                                            + " was busy %.0f%% of the time%n", e.getVersion(), e.getAccuracyMean(),
                                    lastStep - firstStep, seconds, (lastStep - firstStep) * 60 / seconds,
                                    (System.nanoTime() - started) / 1e9, 100.0 * stepMillis / 1000 / seconds);
                            return 0;
                        }
                    }
                }
                // Past the target step only the final evaluation is awaited: that is no stall, but a service that
                // turns DOWN meanwhile is still reported.
                if (stall != null && !shuttingDown.get()) {
                    stall.tick(targetStep == 0 || lastStep < targetStep);
                }
                Optional<LocalPipeline.Service> dead = pipeline.deadService();
                if (dead.isPresent() && !shuttingDown.get()) {
                    ManagedProcess p = dead.get().process();
                    out.println("facenet up: service " + dead.get().name() + " exited unexpectedly (exit code " + p.exitCode()
                            + "). Last lines of " + p.logFile() + ":\n" + p.logTail(30));
                    return 1;
                }
                Optional<ManagedProcess> infra = pipeline.deadInfrastructure();
                if (infra.isPresent() && !shuttingDown.get()) {
                    out.println("facenet up: " + infra.get().name() + " exited unexpectedly. Last lines of "
                            + infra.get().logFile() + ":\n" + infra.get().logTail(30));
                    return 1;
                }
            }
        }
        return 0;
    }

    private void printProgress(TrainingProgress p, PrintStream out) {
        if (p.getSkipped() != null) {
            out.printf(Locale.ROOT, "step %6d  batch %s skipped: %s%n", p.getStep(), p.getBatchId(), p.getSkipped());
            return;
        }
        if (quietSteps && p.getStep() % 10 != 0) {
            return;
        }
        out.printf(Locale.ROOT, "step %6d  epoch %3d  loss %.4f  lr %.5f  staleness %4d  %3d triplets  %4d ms  %s%s%n",
                p.getStep(), p.getEpoch(), p.getLoss(), p.getLearningRate(), p.getStaleness(), p.getTriplets(),
                p.getStepMillis(), p.getBatchId(), p.getBatchComplete() ? " (batch done)" : "");
    }

    private record Dataset(Path train, Path lfw, Path pairs) {
    }

    /** The user's dataset, or the synthetic one (generated once into the state directory). */
    private Dataset dataset(Path state, PrintStream out) throws IOException {
        if (dataDir != null) {
            if (lfwDir == null || pairs == null) {
                throw new IllegalArgumentException("with --data-dir, give --lfw-dir and --pairs too (the evaluator needs them)");
            }
            return new Dataset(dataDir.toAbsolutePath(), lfwDir.toAbsolutePath(), pairs.toAbsolutePath());
        }
        Path generated = state.resolve("data");
        if (!FaceDatasetGenerator.isComplete(generated)) {
            GeneratorOptions g = GeneratorOptions.defaults();
            out.printf(Locale.ROOT, "facenet up: generating the synthetic dataset into %s (%d + %d identities x %d images)...%n",
                    generated, g.identities(), g.lfwIdentities(), g.imagesPerIdentity());
            new FaceDatasetGenerator(g).generate(generated, true, ProgressListener.NONE);
        }
        return new Dataset(generated.resolve(FaceDatasetGenerator.TRAIN_DIR), generated.resolve(FaceDatasetGenerator.LFW_DIR),
                generated.resolve(FaceDatasetGenerator.PAIRS_FILE));
    }

    private static long latestCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        return new CheckpointStore(dir).latestValid().map(CheckpointInfo::version).orElse(-1L);
    }
}
