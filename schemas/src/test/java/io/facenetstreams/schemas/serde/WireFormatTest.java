package io.facenetstreams.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        assertThat(WireFormat.schemaId("t", new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
        assertThat(WireFormat.schemaId("t", new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void rejectsShortRecordsNamingTheTopic() {
        assertThatThrownBy(() -> WireFormat.schemaId("embeddings", new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'embeddings'").hasMessageContaining("2 bytes");
    }

    @Test
    void rejectsAnotherMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId("triplets", "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0x7b").hasMessageContaining("magic byte 0");
    }
}
