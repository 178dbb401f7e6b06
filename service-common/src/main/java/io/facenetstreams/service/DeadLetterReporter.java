package io.facenetstreams.service;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.deadletter.DeadLetters;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends records that cannot be processed to the {@code dead-letters} topic (key: source topic), and keeps a
 * consumer loop alive past records it cannot deserialize: they are reported and skipped, nothing else is
 * lost. Reports are synchronous so that a record is never skipped before its dead letter is safely written.
 */
public final class DeadLetterReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReporter.class);

    private final Producer<String, DeadLetter> producer;
    private final String service;
    private final AtomicLong reported = new AtomicLong();

    public DeadLetterReporter(Producer<String, DeadLetter> producer, String service) {
        this.producer = producer;
        this.service = service;
    }

    /** Writes one dead letter and waits until the broker has it. */
    public void report(DeadLetter letter) {
        LOG.warn("dead letter from {}[{}]@{}: {}", letter.getSourceTopic(), letter.getPartition(), letter.getOffset(),
                letter.getReason());
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, letter.getSourceTopic(), letter))
                    .get(30, TimeUnit.SECONDS);
            reported.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write a dead letter for " + letter.getSourceTopic() + "["
                    + letter.getPartition() + "]@" + letter.getOffset() + ": " + e.getMessage(), e);
        }
    }

    public void report(String topic, int partition, long offset, byte[] key, byte[] value, String reason, Throwable error) {
        report(DeadLetters.of(topic, partition, offset, key, value, reason, error, service));
    }

    /**
     * Polls {@code consumer}; a record that does not deserialize is reported and skipped (the consumer seeks
     * past it) and polling goes on, so one bad record cannot stop the loop.
     */
    public <K, V> ConsumerRecords<K, V> poll(Consumer<K, V> consumer, Duration timeout) {
        while (true) {
            try {
                return consumer.poll(timeout);
            } catch (RecordDeserializationException e) {
                if (io.facenetstreams.service.runtime.FailurePolicy.classify(e)
                        == io.facenetstreams.service.runtime.FailurePolicy.Kind.TRANSIENT) {
                    // The registry is away, the record is fine: retry later (the worker backs off), never dead-letter it.
                    throw new io.facenetstreams.service.runtime.TransientException("cannot decode " + e.topicPartition()
                            + "@" + e.offset() + " now: " + e.getMessage(), e);
                }
                report(DeadLetters.of(e, service));
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
    }

    /** Dead letters written by this reporter. */
    public long reported() {
        return reported.get();
    }

    /** Closes the producer. */
    @Override
    public void close() {
        producer.close();
    }
}
