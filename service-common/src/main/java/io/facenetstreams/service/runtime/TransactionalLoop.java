package io.facenetstreams.service.runtime;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.deadletter.DeadLetters;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consume-transform-produce, exactly once: for each record the stage adapter ({@link Handler}) computes its
 * outputs and dead letters, then one transaction sends them and commits the record's offset. The stage runs
 * before the transaction begins, so a slow stage (embedding a chunk) never holds a transaction open.
 *
 * <p>Failures follow {@link FailurePolicy}: a record that does not decode or that the stage calls bad is
 * dead-lettered in a transaction of its own with its offset; transient trouble seeks back to the record and
 * rethrows, so the worker backs off and retries it; an unknown failure is retried {@code maxAttempts} times
 * and then dead-lettered; fatal trouble throws {@link FatalException}. A failed commit is aborted and the
 * consumer seeks back to the record, so it is never lost; a producer that cannot even abort is fatal.
 */
public final class TransactionalLoop<V> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalLoop.class);

    /** The stage behind a topic: what one record produces. Throwing follows the failure policy. */
    @FunctionalInterface
    public interface Handler<V> {
        void handle(ConsumerRecord<String, V> record, Output out) throws Exception;
    }

    /**
     * What else a dead-lettered record produces, in the same transaction (an embedder closes its chunk as failed,
     * so that the batch still ends). Called only for a record whose value decoded.
     */
    @FunctionalInterface
    public interface GiveUp<V> {
        void onDeadLettered(ConsumerRecord<String, V> record, String reason, Output out);
    }

    /** What one record produces: records to send and dead letters about (parts of) the record. */
    public static final class Output {
        private final ConsumerRecord<String, ?> source;
        private final String service;
        private final List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();

        private Output(ConsumerRecord<String, ?> source, String service) {
            this.source = source;
            this.service = service;
        }

        public void send(String topic, String key, SpecificRecord value) {
            records.add(new ProducerRecord<>(topic, key, value));
        }

        /** A dead letter about the record being handled (one of its images, say), committed with its outputs. */
        public void deadLetter(String reason, Throwable error) {
            records.add(letter(source, null, reason, error, service));
        }
    }

    private final String service;
    private final Consumer<String, V> consumer;
    private final Producer<String, SpecificRecord> producer;
    private final Handler<V> handler;
    private final GiveUp<V> giveUp;
    private final int maxAttempts;
    private final Map<String, Integer> attempts = new HashMap<>();

    /**
     * @param producer a transactional producer, {@code initTransactions()} already called
     * @param consumer subscribed or assigned, auto-commit off
     */
    public TransactionalLoop(String service, Consumer<String, V> consumer, Producer<String, SpecificRecord> producer,
                             Handler<V> handler, int maxAttempts) {
        this(service, consumer, producer, handler, (record, reason, out) -> { }, maxAttempts);
    }

    public TransactionalLoop(String service, Consumer<String, V> consumer, Producer<String, SpecificRecord> producer,
                             Handler<V> handler, GiveUp<V> giveUp, int maxAttempts) {
        this.service = service;
        this.consumer = consumer;
        this.producer = producer;
        this.handler = handler;
        this.giveUp = giveUp;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** One poll and the records it returned. Throws to ask the worker for a pause (see the class comment). */
    public void runOnce(Duration pollTimeout) {
        Iterable<ConsumerRecord<String, V>> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (RecordDeserializationException e) {
            if (FailurePolicy.classify(e) == FailurePolicy.Kind.TRANSIENT) {
                // The consumer stays at the record: it is read again once the registry answers.
                throw new TransientException("cannot decode " + e.topicPartition() + "@" + e.offset() + " now: " + e.getMessage(), e);
            }
            TopicPartition tp = e.topicPartition();
            commit(List.of(new ProducerRecord<>(Topics.DEAD_LETTERS, tp.topic(), DeadLetters.of(e, service))),
                    tp, e.offset() + 1, e.offset());
            consumer.seek(tp, e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, V> record : records) {
            process(record);
        }
    }

    private void process(ConsumerRecord<String, V> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        String id = record.topic() + "[" + record.partition() + "]@" + record.offset();
        Output out = new Output(record, service);
        try {
            if (record.value() == null) {
                throw new BadRecordException("a tombstone (null value) where a " + record.topic() + " record belongs");
            }
            handler.handle(record, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumer.seek(tp, record.offset());
            throw new TransientException("interrupted while handling " + id, e);
        } catch (Throwable e) {
            FailurePolicy.Kind kind = FailurePolicy.classify(e);
            switch (kind) {
                case FATAL -> throw fatal("handling " + id, e);
                case TRANSIENT -> {
                    consumer.seek(tp, record.offset());
                    throw e instanceof RuntimeException re ? re : new TransientException(e.toString(), e);
                }
                case UNKNOWN -> {
                    int n = attempts.merge(id, 1, Integer::sum);
                    if (n < maxAttempts) {
                        consumer.seek(tp, record.offset());
                        throw new IllegalStateException(id + " failed (attempt " + n + " of " + maxAttempts + "): " + e, e);
                    }
                    attempts.remove(id);
                    out = deadLettered(record, "failed " + n + " times: " + e, e);
                }
                case BAD_RECORD -> out = deadLettered(record, e.getMessage() == null ? e.toString() : e.getMessage(), e);
                default -> throw new IllegalStateException("unhandled failure kind " + kind);
            }
        }
        attempts.remove(id);
        commit(out.records, tp, record.offset() + 1, record.offset());
    }

    private Output deadLettered(ConsumerRecord<String, V> record, String reason, Throwable error) {
        Output out = new Output(record, service);
        out.records.add(letter(record, null, reason, error, service));
        if (record.value() != null) {
            giveUp.onDeadLettered(record, reason, out);
        }
        return out;
    }

    /** Sends {@code records} and commits {@code next} for {@code tp} in one transaction; seeks back to {@code retry} on failure. */
    private void commit(List<ProducerRecord<String, SpecificRecord>> records, TopicPartition tp, long next, long retry) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, SpecificRecord> r : records) {
                producer.send(r);
            }
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(next)), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            if (FailurePolicy.classify(e) == FailurePolicy.Kind.FATAL) {
                throw fatal("committing " + tp + "@" + retry, e);
            }
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                // The offset was not committed: a restarted process handles the record again, nothing is lost.
                throw fatal("the producer cannot abort after a failed commit of " + tp + "@" + retry + " (" + e + ")", abortFailed);
            }
            consumer.seek(tp, retry);
            throw new TransientException("could not commit " + tp + "@" + retry + ": " + e, e);
        }
    }

    private FatalException fatal(String what, Throwable e) {
        LOG.error("{}: fatal while {}: {}", service, what, e.toString());
        return new FatalException(service + ": fatal while " + what + ": " + e, e);
    }

    @SuppressWarnings("unchecked")
    private static ProducerRecord<String, SpecificRecord> letter(ConsumerRecord<String, ?> source, byte[] value,
                                                                 String reason, Throwable error, String service) {
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.of(source.topic(), source.partition(), source.offset(), key, value, reason, error, service);
        LOG.warn("{}: dead letter for {}[{}]@{}: {}", service, source.topic(), source.partition(), source.offset(), reason);
        return new ProducerRecord<>(Topics.DEAD_LETTERS, source.topic(), (SpecificRecord) letter);
    }
}
