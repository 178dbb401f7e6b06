package io.facenetstreams.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTailTest {

    private static final String TOPIC = "people-batches";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @Test
    void theLastRecordsOfEveryPartition() {
        FakeLog log = new FakeLog(2).append(P0, "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9").append(P1, "b0");

        List<String> values = values(TopicTail.last(log, TOPIC, 2));

        assertThat(values).contains("a8", "a9", "b0").doesNotContain("a0");
    }

    @Test
    void tombstonesAndUndecodableRecordsAtTheEndAreSkippedAndTheScanLooksFurtherBack() {
        FakeLog log = new FakeLog(1).append(P0, "v0", "v1", "v2", null, null, null, null, null, null, null);
        log.undecodable(P0, 9);

        List<String> values = values(TopicTail.last(log, TOPIC, 1));

        assertThat(values).containsExactly("v0", "v1", "v2");
    }

    @Test
    void aPartitionOfOnlyUnusableRecordsGivesNothingAndNoError() {
        FakeLog log = new FakeLog(1).append(P0, null, null);
        log.undecodable(P0, 2);

        assertThat(TopicTail.last(log, TOPIC, 3)).isEmpty();
    }

    @Test
    void allSkipsWhatCannotBeUsed() {
        FakeLog log = new FakeLog(1).append(P0, "x", null, "y", "z");
        log.undecodable(P0, 3);

        assertThat(values(TopicTail.all(log, TOPIC))).containsExactly("x", "y");
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /**
     * A partitioned log behind a {@link MockConsumer}: each poll returns what a real consumer would from its
     * position, stopping before an undecodable record and failing on one, as a real consumer's deserializer does.
     */
    private static final class FakeLog extends MockConsumer<String, String> {

        private final Map<TopicPartition, List<String>> values = new HashMap<>();
        private final Set<Map.Entry<TopicPartition, Long>> undecodable = new HashSet<>();

        FakeLog(int partitions) {
            super("earliest");
            List<PartitionInfo> infos = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                infos.add(new PartitionInfo(TOPIC, p, null, null, null));
                values.put(new TopicPartition(TOPIC, p), new ArrayList<>());
            }
            updatePartitions(TOPIC, infos);
            offsets();
        }

        FakeLog append(TopicPartition tp, String... vs) {
            values.get(tp).addAll(java.util.Arrays.asList(vs));
            offsets();
            return this;
        }

        void undecodable(TopicPartition tp, long offset) {
            while (values.get(tp).size() <= offset) {
                values.get(tp).add(null);
            }
            undecodable.add(Map.entry(tp, offset));
            offsets();
        }

        private void offsets() {
            Map<TopicPartition, Long> begin = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            values.forEach((tp, vs) -> {
                begin.put(tp, 0L);
                end.put(tp, (long) vs.size());
            });
            updateBeginningOffsets(begin);
            updateEndOffsets(end);
        }

        @Override
        public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
            for (TopicPartition tp : assignment()) {
                long position = position(tp);
                if (undecodable.contains(Map.entry(tp, position))) {
                    throw new RecordDeserializationException(tp, position, "cannot decode", null);
                }
                List<String> vs = values.get(tp);
                for (long o = position; o < vs.size() && !undecodable.contains(Map.entry(tp, o)); o++) {
                    addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), o, "k" + o, vs.get((int) o)));
                }
            }
            return super.poll(timeout);
        }
    }
}
