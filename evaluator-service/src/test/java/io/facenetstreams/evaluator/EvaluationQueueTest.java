package io.facenetstreams.evaluator;

import io.facenetstreams.schemas.Checkpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationQueueTest {

    @Test
    void eachVersionOnceInVersionOrderSkippingWhatWasEvaluatedBeforeARestart() {
        EvaluationQueue queue = new EvaluationQueue(false, 20);
        for (long v : new long[] {30, 10, 20, 40, 30}) {
            queue.announced(checkpoint(v));
        }
        assertThat(drain(queue)).containsExactly(30L, 40L);
        queue.announced(checkpoint(35));
        assertThat(queue.next()).as("older than the newest evaluated: evaluations stay in order").isEmpty();
    }

    @Test
    void skipBehindTakesTheNewestAndDropsOnlyTheOlderOnes() {
        EvaluationQueue queue = new EvaluationQueue(true, -1);
        for (long v : new long[] {0, 10, 20}) {
            queue.announced(checkpoint(v));
        }
        Checkpoint first = queue.next().orElseThrow();
        assertThat(first.getVersion()).isEqualTo(20);
        queue.announced(checkpoint(30));  // announced while 20 is being evaluated
        queue.done(20);
        assertThat(drain(queue)).containsExactly(30L);
    }

    @Test
    void aVersionGivenUpOnIsNotTakenAgain() {
        EvaluationQueue queue = new EvaluationQueue(false, -1);
        queue.announced(checkpoint(5));
        assertThat(queue.next()).isPresent();
        queue.done(5);
        queue.announced(checkpoint(5));
        assertThat(queue.next()).isEmpty();
        assertThat(queue.lastEvaluated()).isEqualTo(5);
    }

    private static List<Long> drain(EvaluationQueue queue) {
        List<Long> versions = new ArrayList<>();
        for (var next = queue.next(); next.isPresent(); next = queue.next()) {
            versions.add(next.get().getVersion());
            queue.done(next.get().getVersion());
        }
        return versions;
    }

    static Checkpoint checkpoint(long version) {
        return Checkpoint.newBuilder().setModelName("facenet").setVersion(version).setEpoch(0).setArchitecture("small-cnn")
                .setEmbeddingSize(128).setImageSize(64).setUri("http://127.0.0.1:1/checkpoints/" + version)
                .setSha256("00").setSizeBytes(1).setCreatedAt(Instant.EPOCH).build();
    }
}
