package io.facenetstreams.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHashTest {

    // FIPS 180-2 test vectors (also `printf abc | sha256sum`).
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashesBytesAndFilesAsLowerCaseHex(@TempDir Path tmp) throws IOException {
        assertThat(ContentHash.sha256("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(ContentHash.sha256(new byte[0])).isEqualTo(EMPTY);
        Path f = tmp.resolve("f");
        Files.writeString(f, "abc");
        assertThat(ContentHash.sha256(f)).isEqualTo(ABC);
    }

    @Test
    void aMissingFileNamesThePath(@TempDir Path tmp) {
        assertThatThrownBy(() -> ContentHash.sha256(tmp.resolve("gone.bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("gone.bin");
    }
}
