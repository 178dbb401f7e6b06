package io.facenetstreams.schemas.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The {@code vectors} field of an {@code EmbeddingChunk}: rows x dim float32, little-endian, row-major. Raw
 * floats rather than an Avro array of floats: a chunk of 360 x 128 vectors is 184 KB either way, but bytes
 * encode and decode without boxing.
 */
public final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    /** Encodes {@code rows} x {@code dim} floats from a row-major array. */
    public static ByteBuffer encode(float[] rowMajor, int rows, int dim) {
        if (rowMajor.length != rows * dim) {
            throw new IllegalArgumentException("expected " + rows + " x " + dim + " = " + rows * dim
                    + " floats, got " + rowMajor.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(rowMajor.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(rowMajor);
        return bytes;
    }

    /** Decodes into a row-major float array, checking the size against {@code rows} and {@code dim}. */
    public static float[] decode(ByteBuffer vectors, int rows, int dim) {
        ByteBuffer bytes = vectors.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = (long) rows * dim * Float.BYTES;
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException("vectors hold " + bytes.remaining() + " bytes, but " + rows + " rows x "
                    + dim + " dims of float32 need " + expected);
        }
        FloatBuffer floats = bytes.asFloatBuffer();
        float[] out = new float[rows * dim];
        floats.get(out);
        return out;
    }
}
