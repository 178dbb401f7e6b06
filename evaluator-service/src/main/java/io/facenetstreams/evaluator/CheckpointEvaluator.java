package io.facenetstreams.evaluator;

import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.data.MissingImagePolicy;
import io.facenetstreams.core.eval.DistanceMetric;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.eval.LfwValidation;
import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.service.DeadLetterReporter;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.CheckpointCache;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.TopicTail;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates checkpoints on LFW as they are announced, oldest first, each version once: versions already on
 * {@code evaluations} (before a restart) are skipped, and so is any version older than the newest evaluated,
 * so evaluations arrive in version order. It runs in its own process with its own copy of each model, so
 * training never waits for it.
 */
final class CheckpointEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointEvaluator.class);

    private final String modelName;
    private final EvaluatorConfig.Evaluator config;
    private final LfwValidation lfw;
    private final CheckpointCache cache;
    private final KafkaProducer<String, Evaluation> producer;
    private final DeadLetterReporter deadLetters;
    private final EvaluationQueue queue;

    CheckpointEvaluator(EvaluatorConfig.Evaluator config, String modelName, KafkaClients kafka, CheckpointFeed feed)
            throws IOException {
        this.modelName = modelName;
        this.config = config;
        LfwValidation.Options options = new LfwValidation.Options(config.folds(), DistanceMetric.fromCode(config.distanceMetric()),
                config.subtractMean(), config.flipped(), Standardisation.of(config.fixedStandardization()),
                config.batchSize(), MissingImagePolicy.FAIL);
        this.lfw = LfwValidation.prepare(config.lfwDir(), config.pairs(), options);
        this.cache = new CheckpointCache(feed, config.cacheDir(), 10);
        this.producer = kafka.producer(Evaluation.class);
        this.deadLetters = kafka.deadLetters();
        long lastEvaluated = TopicTail.all(kafka, Topics.EVALUATIONS, Evaluation.class).stream()
                .map(r -> r.value()).filter(e -> e != null && modelName.equals(e.getModelName()))
                .mapToLong(Evaluation::getVersion).max().orElse(-1);
        this.queue = new EvaluationQueue(config.skipBehind(), lastEvaluated);
        LOG.info("evaluator: {} pairs ({} images) from {}; versions up to {} already evaluated", lfw.pairs(),
                lfw.distinctImages(), config.pairs(), lastEvaluated);
        feed.onCheckpoint(queue::announced);
    }

    boolean runOnce() throws InterruptedException {
        var next = queue.next();
        if (next.isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(200);
            return true;
        }
        evaluate(next.get());
        return true;
    }

    private void evaluate(Checkpoint checkpoint) {
        long t0 = System.nanoTime();
        LfwValidation.Result result;
        try {
            Path file = cache.file(checkpoint);
            try (EmbeddingModel model = CheckpointStore.load(file, checkpoint.getSha256(),
                    NetworkArchitecture.fromName(checkpoint.getArchitecture()), checkpoint.getEmbeddingSize(),
                    ai.djl.engine.Engine.getInstance().defaultDevice())) {
                result = lfw.evaluate(model);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("evaluator: cannot evaluate version {}: {}", checkpoint.getVersion(), e.getMessage());
            deadLetters.report(Topics.CHECKPOINTS, 0, -1, modelName.getBytes(StandardCharsets.UTF_8), null,
                    "checkpoint version " + checkpoint.getVersion() + " could not be evaluated: " + e.getMessage(), e);
            queue.done(checkpoint.getVersion());
            return;
        }
        Evaluation evaluation = EvaluationRecords.of(modelName, checkpoint.getVersion(), result,
                (System.nanoTime() - t0) / 1_000_000, config);
        try {
            producer.send(new ProducerRecord<>(Topics.EVALUATIONS, modelName, evaluation)).get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("could not publish the evaluation of version " + checkpoint.getVersion() + ": "
                    + ex.getMessage(), ex);
        }
        queue.done(checkpoint.getVersion());
        LOG.info("evaluator: version {}: accuracy {} +- {}, VAL {} @ FAR {} ({} ms)", checkpoint.getVersion(),
                String.format("%.5f", evaluation.getAccuracyMean()), String.format("%.5f", evaluation.getAccuracyStd()),
                String.format("%.5f", evaluation.getValMean()), String.format("%.5f", evaluation.getFarMean()),
                evaluation.getDurationMillis());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        deadLetters.close();
        cache.close();
    }
}
