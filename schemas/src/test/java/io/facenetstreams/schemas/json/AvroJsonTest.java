package io.facenetstreams.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.facenetstreams.schemas.DeadLetter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTest {

    @Test
    void rendersFieldsInSchemaOrderWithBytesAsBase64AndTimestampsAsIso() {
        DeadLetter letter = DeadLetter.newBuilder().setSourceTopic("embeddings").setPartition(1).setOffset(5)
                .setKey(null).setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).setReason("bad")
                .setService("miner").setTimestamp(Instant.parse("2026-01-02T03:04:05.006Z")).build();
        JsonNode json = AvroJson.toJson(letter);
        assertThat(json.fieldNames()).toIterable().containsExactly(
                "sourceTopic", "partition", "offset", "key", "value", "reason", "errorClass", "service", "timestamp");
        assertThat(json.get("value").asText()).isEqualTo("AQID");
        assertThat(json.get("key").isNull()).isTrue();
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.006Z");
        assertThat(json.get("offset").asLong()).isEqualTo(5);
    }
}
