package io.facenetstreams.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetRootTest {

    @TempDir
    Path tmp;
    Path root;
    DatasetRoot datasetRoot;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("data");
        Files.createDirectories(root.resolve("alice"));
        Files.write(root.resolve("alice/a.png"), new byte[] {1});
        Files.write(tmp.resolve("secret.txt"), new byte[] {42});
        datasetRoot = DatasetRoot.of(root);
    }

    @Test
    void resolvesAReferenceInsideTheRoot() throws IOException {
        assertThat(datasetRoot.resolve("alice/a.png")).isEqualTo(root.resolve("alice/a.png").toRealPath());
        assertThat(datasetRoot.reference(root.resolve("alice/a.png"))).isEqualTo("alice/a.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../secret.txt", "alice/../../secret.txt", "alice/../alice/a.png",
            "alice\\a.png", "alice//a.png", "./alice/a.png", "alice/a.png/", "alice/\0a.png"})
    void rejectsMalformedOrEscapingReferencesNamingReferenceAndRoot(String ref) {
        assertThatThrownBy(() -> datasetRoot.resolve(ref))
                .isInstanceOf(ImageReferenceException.class)
                .hasMessageContaining("image reference")
                .satisfies(e -> assertThat(((ImageReferenceException) e).reference()).isEqualTo(ref));
    }

    @Test
    void rejectsALinkThatLeavesTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("alice/escape.png"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), tmp);
        assertThatThrownBy(() -> datasetRoot.resolve("alice/escape.png"))
                .isInstanceOf(ImageReferenceException.class)
                .hasMessageContaining("alice/escape.png")
                .hasMessageContaining("outside dataset root " + root);
        assertThatThrownBy(() -> datasetRoot.resolve("outside/secret.txt"))
                .isInstanceOf(ImageReferenceException.class)
                .hasMessageContaining("outside dataset root");
    }

    @Test
    void acceptsALinkThatStaysInsideTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("alice"));
        assertThat(datasetRoot.resolve("alias/a.png")).isEqualTo(root.resolve("alice/a.png").toRealPath());
    }

    @Test
    void aMissingFileIsAnIoErrorNamingTheReference() {
        assertThatThrownBy(() -> datasetRoot.resolve("alice/missing.png"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("alice/missing.png")
                .hasMessageContaining("does not exist under dataset root");
    }

    @Test
    void aMissingRootIsAnIoError() {
        assertThatThrownBy(() -> DatasetRoot.of(tmp.resolve("nope")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nope");
    }
}
