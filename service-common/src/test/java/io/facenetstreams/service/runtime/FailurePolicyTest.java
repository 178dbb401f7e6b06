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
        assertThat(FailurePolicy.classify(new UnsatisfiedLinkError("libtorch"))).as("retried, as before").isEqualTo(UNKNOWN);
    }
}
