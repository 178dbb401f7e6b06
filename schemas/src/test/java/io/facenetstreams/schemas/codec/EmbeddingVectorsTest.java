package io.facenetstreams.schemas.codec;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingVectorsTest {

    @Test
    void encodesLittleEndianFloat32RowMajor() {
        ByteBuffer bytes = EmbeddingVectors.encode(new float[] {1.0f, -2.5f}, 1, 2);
        // 1.0f = 0x3f800000, -2.5f = 0xc0200000, each little-endian.
        assertThat(bytes.array()).containsExactly(0, 0, (byte) 0x80, 0x3f, 0, 0, 0x20, (byte) 0xc0);
        assertThat(EmbeddingVectors.decode(bytes, 1, 2)).containsExactly(1.0f, -2.5f);
    }

    @Test
    void sizeMismatchesAreExplained() {
        assertThatThrownBy(() -> EmbeddingVectors.encode(new float[3], 2, 2)).hasMessageContaining("2 x 2 = 4 floats, got 3");
        assertThatThrownBy(() -> EmbeddingVectors.decode(ByteBuffer.allocate(12), 2, 2))
                .hasMessageContaining("12 bytes").hasMessageContaining("need 16");
    }
}
