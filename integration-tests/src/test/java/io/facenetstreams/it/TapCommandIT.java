package io.facenetstreams.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.cli.FacenetCli;
import io.facenetstreams.schemas.Evaluation;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./facenet tap} prints records of a live topic as JSON lines, decoded through the registry. */
@WithKafkaStack
class TapCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tapPrintsDecodedRecordsAndSurvivesUndecodableOnes(TestStack stack) throws Exception {
        String topic = stack.newTopic("tapped", 1);
        Evaluation evaluation = SampleRecords.evaluation();
        RecordMetadata written;
        try (KafkaProducer<String, Evaluation> producer = stack.producer(Evaluation.class);
             KafkaProducer<String, byte[]> raw = stack.producer(new ByteArraySerializer())) {
            written = producer.send(new ProducerRecord<>(topic, "facenet", evaluation)).get();
            raw.send(new ProducerRecord<>(topic, "junk", new byte[] {9, 9, 9})).get();
        }

        Result result = run("tap", topic, "--from-beginning", "--max", "2",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(result.exit).as(result.err).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.out.strip().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("key").asText()).isEqualTo("facenet");
        assertThat(first.get("partition").asInt()).isEqualTo(written.partition());
        assertThat(first.get("offset").asLong()).isEqualTo(written.offset());
        assertThat(first.get("timestamp").asText()).isNotEmpty();
        assertThat(first.get("value").get("accuracyMean").asDouble()).isEqualTo(evaluation.getAccuracyMean());
        assertThat(first.get("value").get("version").asLong()).isEqualTo(evaluation.getVersion());
        JsonNode second = lines.get(1);
        assertThat(second.get("value").isNull()).isTrue();
        assertThat(second.get("error").asText()).contains("magic byte");
    }

    @Test
    void tapOfAnUnknownTopicSaysWhichTopicsExist(TestStack stack) {
        Result result = run("tap", "no-such-topic", "--max", "1",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).contains("topic 'no-such-topic' does not exist").contains(Topics.TRIPLETS);
    }

    @Test
    void tapWithoutABrokerSaysSo() {
        Result result = run("tap", Topics.EVALUATIONS, "--max", "1", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(result.exit).isEqualTo(2);
        assertThat(result.err).contains("cannot reach Kafka at 127.0.0.1:1");
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = FacenetCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = cli.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
