package io.facenetstreams.miner;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead stream thread: an Error exits the process, an exception only shuts the client down. */
class StreamThreadFailuresTest {

    private final List<Throwable> exits = new ArrayList<>();
    private final StreamThreadFailures failures = new StreamThreadFailures((worker, error) -> exits.add(error));

    @Test
    void anOutOfMemoryErrorShutsTheClientDownAndExitsTheProcess() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThat(failures.handle(oom)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(exits).containsExactly(oom);
    }

    @Test
    void anErrorWrappedByStreamsStillExits() {
        OutOfMemoryError oom = new OutOfMemoryError();
        failures.handle(new StreamsException("failed to process", oom));
        assertThat(exits).containsExactly(oom);
    }

    @Test
    void anExceptionKeepsStreamsDefaultAndTheProcessUp() {
        assertThat(failures.handle(new StreamsException("boom"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(exits).isEmpty();
    }

    @Test
    void aTransientFailureReplacesTheThreadInsteadOfStoppingTheMiner() {
        assertThat(failures.handle(new StreamsException("failed to process", new TimeoutException("broker away"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(exits).isEmpty();
    }

    @Test
    void theProcessingHandlerLetsATransientFailureThroughRatherThanDeadLetterValidData() {
        ProcessingExceptionHandler.Response response = new DeadLetterProcessingHandler()
                .handleError(context(), null, new TimeoutException("broker away"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    /** A context of embeddings[0]@7 in the assembler. */
    private static ErrorHandlerContext context() {
        return (ErrorHandlerContext) Proxy.newProxyInstance(ErrorHandlerContext.class.getClassLoader(),
                new Class<?>[] {ErrorHandlerContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "topic" -> "embeddings";
                    case "partition" -> 0;
                    case "offset", "timestamp" -> 7L;
                    case "processorNodeId" -> MinerTopology.ASSEMBLER;
                    default -> null;
                });
    }
}
