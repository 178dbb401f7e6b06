package io.facenetstreams.service;

import io.facenetstreams.schemas.Checkpoint;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every checkpoint event of one model, as the trainer publishes them: reads the whole {@code checkpoints}
 * topic from the beginning without a consumer group (so every replica of every service sees every event),
 * keeps the versions it has seen, and tells listeners about new ones. Embedders use it to refresh and to
 * find the checkpoint a batch is pinned to; the sampler uses it to pin the newest version.
 */
public final class CheckpointFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFeed.class);

    private final String modelName;
    private final KafkaConsumer<String, Checkpoint> consumer;
    private final ConcurrentSkipListMap<Long, Checkpoint> versions = new ConcurrentSkipListMap<>();
    private final List<Consumer<Checkpoint>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CheckpointFeed(KafkaClients kafka, String modelName) {
        this.modelName = modelName;
        this.consumer = kafka.consumer(null, Checkpoint.class);
        this.thread = new Thread(this::run, kafka.service() + "-checkpoint-feed");
        this.thread.setDaemon(true);
    }

    /** Starts reading; returns at once. */
    public CheckpointFeed start() {
        thread.start();
        return this;
    }

    /**
     * Called for each new version, oldest first, on the feed's thread; versions already seen are replayed
     * to the new listener at once (a listener may see a version twice: it must not mind).
     */
    public void onCheckpoint(Consumer<Checkpoint> listener) {
        listeners.add(listener);
        versions.values().forEach(listener);
    }

    public Optional<Checkpoint> latest() {
        Map.Entry<Long, Checkpoint> last = versions.lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getValue());
    }

    public Optional<Checkpoint> version(long version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** Waits until {@code version} has been seen, up to {@code timeout}. */
    public Optional<Checkpoint> awaitVersion(long version, Duration timeout) throws InterruptedException {
        await(() -> versions.containsKey(version), timeout);
        return version(version);
    }

    /** Waits until any version has been seen, up to {@code timeout}. */
    public Optional<Checkpoint> awaitAny(Duration timeout) throws InterruptedException {
        await(() -> !versions.isEmpty(), timeout);
        return latest();
    }

    private void await(BooleanSupplier seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (versions) {
            while (!seen.getAsBoolean() && System.nanoTime() < deadline) {
                versions.wait(Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKPOINTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, Checkpoint> record : TolerantPoll.poll(consumer, Duration.ofMillis(500), "checkpoint feed")) {
                    accept(record.value());
                }
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } catch (RuntimeException e) {
            LOG.error("checkpoint feed stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void accept(Checkpoint checkpoint) {
        if (checkpoint == null || !modelName.equals(checkpoint.getModelName())) {
            return;
        }
        boolean isNew = versions.putIfAbsent(checkpoint.getVersion(), checkpoint) == null;
        synchronized (versions) {
            versions.notifyAll();
        }
        if (isNew) {
            for (Consumer<Checkpoint> listener : listeners) {
                try {
                    listener.accept(checkpoint);
                } catch (RuntimeException e) {
                    LOG.warn("checkpoint listener failed on version {}: {}", checkpoint.getVersion(), e.toString(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
