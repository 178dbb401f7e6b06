package io.facenetstreams.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed docs/configuration.md is what the catalogue generates ({@code -Dfacenet.write-docs=true} rewrites it). */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void theCommittedDocIsGeneratedFromTheCatalogue() throws IOException {
        String generated = ConfigurationDoc.markdown();
        if (Boolean.getBoolean("facenet.write-docs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as(DOC.toAbsolutePath() + " is missing; regenerate it with: "
                + ConfigurationDoc.regenerateCommand()).isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md differs from the catalogue (RunOptions); regenerate it with: "
                        + ConfigurationDoc.regenerateCommand())
                .isEqualTo(generated);
    }

    @Test
    void everyOptionHasARow() {
        String md = ConfigurationDoc.markdown();
        for (RunOption o : RunOptions.all()) {
            assertThat(md).contains("`facenet." + o.key() + "`");
        }
    }
}
