package io.facenetstreams.core.checkpoint;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.model.NetworkArchitecture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint file layout (big-endian, {@link DataOutputStream} encoding):
 * <pre>
 *   magic        8 bytes  "FNSCKPT\n"
 *   format       int      {@value #FORMAT_VERSION}
 *   architecture string   command-line name
 *   embedding    int, image size int, keep probability float
 *   version      long     global step
 *   epoch        int
 *   created      long     epoch milliseconds
 *   options      map      training options under the reference's names
 *   metadata     map      the caller's free-form strings
 *   parameters   long length + bytes: DJL's block parameter stream (batch-norm moving statistics included)
 *   optimizer    long length + bytes: optimizer slots (length 0: none)
 *   digest       32 bytes SHA-256 of everything above
 * </pre>
 * Strings are an int byte count plus UTF-8; maps an int count plus key/value strings. The trailing digest
 * lets a reader tell a complete file from a truncated or damaged one without being told its sha256.
 */
final class CheckpointFormat {

    static final byte[] MAGIC = "FNSCKPT\n".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int DIGEST_LENGTH = 32;
    private static final int MAX_STRING_BYTES = 1 << 20;

    private CheckpointFormat() {}

    /** The header fields of a checkpoint. */
    record Header(NetworkArchitecture architecture, int embeddingSize, int imageSize, float keepProbability,
            long version, int epoch, Instant createdAt, Map<String, String> trainingOptions,
            Map<String, String> metadata) {}

    /** A whole checkpoint read into memory. */
    /** A checkpoint's sections and the sha256 (hex) of the whole file, computed while reading it. */
    record Content(Header header, byte[] parameters, byte[] optimizerState, String sha256) {}

    static void write(DataOutputStream out, Header h, byte[] parameters, byte[] optimizerState) throws IOException {
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        writeString(out, h.architecture().cliName());
        out.writeInt(h.embeddingSize());
        out.writeInt(h.imageSize());
        out.writeFloat(h.keepProbability());
        out.writeLong(h.version());
        out.writeInt(h.epoch());
        out.writeLong(h.createdAt().toEpochMilli());
        writeMap(out, h.trainingOptions());
        writeMap(out, h.metadata());
        out.writeLong(parameters.length);
        out.write(parameters);
        out.writeLong(optimizerState.length);
        out.write(optimizerState);
    }

    /** Reads the header only (no digest check): cheap, for listings. */
    static Header readHeader(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(in, file);
        } catch (EOFException e) {
            throw new InvalidCheckpointException("checkpoint " + file + " is truncated (its header is incomplete)", e);
        }
    }

    /** Reads and checks a whole checkpoint: the content digest first, then every section. */
    static Content read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream head = Files.newInputStream(file)) {
            if (!Arrays.equals(head.readNBytes(MAGIC.length), MAGIC)) {
                throw new InvalidCheckpointException(file + " is not a FaceNet Streams checkpoint (bad magic)");
            }
        }
        if (size < MAGIC.length + 4 + DIGEST_LENGTH) {
            throw new InvalidCheckpointException("checkpoint " + file + " is truncated (" + size + " bytes)");
        }
        MessageDigest digest = ContentHash.newSha256();
        MessageDigest whole = ContentHash.newSha256();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new DigestInputStream(new DigestInputStream(
                        new BufferedInputStream(new LimitedInputStream(raw, size - DIGEST_LENGTH)), whole), digest))) {
            Header header = readHeader(in, file);
            byte[] parameters = readSection(in, file, "parameters");
            byte[] optimizer = readSection(in, file, "optimizer state");
            if (in.read() != -1) {
                throw new InvalidCheckpointException("checkpoint " + file + " is corrupt: unexpected bytes after its sections");
            }
            byte[] expected = new byte[DIGEST_LENGTH];
            try (InputStream tail = Files.newInputStream(file)) {
                tail.skipNBytes(size - DIGEST_LENGTH);
                tail.readNBytes(expected, 0, DIGEST_LENGTH);
            }
            if (!Arrays.equals(expected, digest.digest())) {
                throw new InvalidCheckpointException("checkpoint " + file
                        + " is corrupt or truncated: its content does not match its digest");
            }
            whole.update(expected);
            return new Content(header, parameters, optimizer, HexFormat.of().formatHex(whole.digest()));
        } catch (EOFException e) {
            throw new InvalidCheckpointException("checkpoint " + file + " is truncated", e);
        }
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidCheckpointException(file + " is not a FaceNet Streams checkpoint (bad magic)");
        }
        int format = in.readInt();
        if (format != FORMAT_VERSION) {
            throw new InvalidCheckpointException("checkpoint " + file + " has format version " + format
                    + ", this build reads version " + FORMAT_VERSION);
        }
        String architectureName = readString(in, file);
        NetworkArchitecture architecture;
        try {
            architecture = NetworkArchitecture.fromName(architectureName);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
        }
        int embeddingSize = in.readInt();
        int imageSize = in.readInt();
        float keepProbability = in.readFloat();
        long version = in.readLong();
        int epoch = in.readInt();
        Instant created = Instant.ofEpochMilli(in.readLong());
        Map<String, String> options = readMap(in, file);
        Map<String, String> metadata = readMap(in, file);
        if (embeddingSize < 1 || imageSize < 1 || version < 0 || epoch < 0) {
            throw new InvalidCheckpointException("checkpoint " + file + " is corrupt: embedding size " + embeddingSize
                    + ", image size " + imageSize + ", version " + version + ", epoch " + epoch);
        }
        return new Header(architecture, embeddingSize, imageSize, keepProbability, version, epoch, created, options,
                metadata);
    }

    private static byte[] readSection(DataInputStream in, Path file, String what) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new InvalidCheckpointException("checkpoint " + file + " is corrupt: " + what + " length " + length);
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in, Path file) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new InvalidCheckpointException("checkpoint " + file + " is corrupt: string length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in, Path file) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new InvalidCheckpointException("checkpoint " + file + " is corrupt: map of " + count + " entries");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(readString(in, file), readString(in, file));
        }
        return map;
    }

    /** Reads at most {@code limit} bytes of a stream (the content before the trailing digest). */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
