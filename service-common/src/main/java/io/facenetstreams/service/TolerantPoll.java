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
            LOG.warn("{}: skipping an undecodable record at {}@{}: {}", reader, e.topicPartition(), e.offset(),
                    e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }
}
