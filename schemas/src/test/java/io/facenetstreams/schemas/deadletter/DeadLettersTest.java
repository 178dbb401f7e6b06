package io.facenetstreams.schemas.deadletter;

import io.facenetstreams.schemas.DeadLetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void smallRecordsAreKeptWhole() {
        DeadLetter letter = DeadLetters.of("triplets", 0, 7, "k".getBytes(), new byte[] {1, 2, 3}, "bad", null, "trainer");
        assertThat(letter.getValue().remaining()).isEqualTo(3);
        assertThat(letter.getReason()).isEqualTo("bad");
    }

    @Test
    void aRecordTooBigToCopyIsDescribedBySizeAndHash() {
        byte[] huge = new byte[DeadLetters.MAX_KEPT_BYTES + 1];
        DeadLetter letter = DeadLetters.of("embeddings", 2, 9, null, huge, "does not decode", null, "miner");
        assertThat(letter.getValue()).isNull();
        assertThat(letter.getReason()).startsWith("does not decode (value of 524289 bytes not kept, sha256 ")
                .hasSize("does not decode (value of 524289 bytes not kept, sha256 ".length() + 64 + 1);
    }
}
