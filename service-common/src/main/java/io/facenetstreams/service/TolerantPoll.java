package io.facenetstreams.service;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A poll that skips, with a warning, a record that does not deserialize: for readers of topics that must not
 * stop on one bad record and have no dead letter to write (the record is not theirs to report: it is an
 * announcement or a progress report, and the pipeline's own producers wrote it).
 */
public final class TolerantPoll {

    private static final Logger LOG = LoggerFactory.getLogger(TolerantPoll.class);

    private TolerantPoll() {
    }

    /** {@code consumer.poll(timeout)}, or no records after stepping past one that does not decode. */
    public static <K, V> ConsumerRecords<K, V> poll(Consumer<K, V> consumer, Duration timeout, String reader) {
        try {
            return consumer.poll(timeout);
        } catch (RecordDeserializationException e) {
            if (io.facenetstreams.service.runtime.FailurePolicy.classify(e)
                    == io.facenetstreams.service.runtime.FailurePolicy.Kind.TRANSIENT) {
                // The registry is away, the record is fine: stay on it and read it again after a pause.
                LOG.warn("{}: cannot decode {}@{} now (the registry does not answer); reading it again shortly", reader,
                        e.topicPartition(), e.offset());
                pause(timeout);
                return ConsumerRecords.empty();
            }
            LOG.warn("{}: skipping an undecodable record at {}@{}: {}", reader, e.topicPartition(), e.offset(),
                    e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private static void pause(Duration timeout) {
        try {
            Thread.sleep(Math.max(100, Math.min(timeout.toMillis(), 1_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
