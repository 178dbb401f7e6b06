package io.facenetstreams.service.runtime;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static io.facenetstreams.service.runtime.FailurePolicy.Kind.BAD_RECORD;
import static io.facenetstreams.service.runtime.FailurePolicy.Kind.FATAL;
import static io.facenetstreams.service.runtime.FailurePolicy.Kind.TRANSIENT;
import static io.facenetstreams.service.runtime.FailurePolicy.Kind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class FailurePolicyTest {

    @Test
    void eachFailureHasOneAnswer() {
        assertThat(FailurePolicy.classify(new OutOfMemoryError())).isEqualTo(FATAL);
        assertThat(FailurePolicy.classify(new ProducerFencedException("fenced"))).isEqualTo(FATAL);
        assertThat(FailurePolicy.classify(new TopicAuthorizationException("no"))).isEqualTo(FATAL);
        assertThat(FailurePolicy.classify(new BadRecordException("negative count"))).isEqualTo(BAD_RECORD);
        assertThat(FailurePolicy.classify(new org.apache.avro.AvroRuntimeException("truncated"))).isEqualTo(BAD_RECORD);
        assertThat(FailurePolicy.classify(new TimeoutException("commit"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new NetworkException("gone"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new IllegalStateException("registry", new ConnectException("refused"))))
                .as("a registry that does not answer is not bad input").isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new java.io.UncheckedIOException(new IOException("disk")))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new NullPointerException())).isEqualTo(UNKNOWN);
        var unreachable = new io.facenetstreams.schemas.serde.SchemaRegistryException("registry unreachable", -1, -1,
                new ConnectException("refused"));
        var tp = new org.apache.kafka.common.TopicPartition("triplets", 0);
        assertThat(FailurePolicy.classify(new org.apache.kafka.common.errors.RecordDeserializationException(
                org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                tp, 5, 0, null, null, null, null, "cannot deserialize", unreachable)))
                .as("a record the registry cannot decode now is valid data").isEqualTo(TRANSIENT);
        var unknownId = new io.facenetstreams.schemas.serde.SchemaRegistryException("no schema 99", 404, 40403, null);
        assertThat(FailurePolicy.classify(new org.apache.kafka.common.errors.RecordDeserializationException(
                org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                tp, 6, 0, null, null, null, null, "cannot deserialize", unknownId)))
                .as("an unknown schema id is a bad record").isEqualTo(BAD_RECORD);
        assertThat(FailurePolicy.classify(new UnsatisfiedLinkError("libtorch"))).as("retried, as before").isEqualTo(UNKNOWN);
    }
}
