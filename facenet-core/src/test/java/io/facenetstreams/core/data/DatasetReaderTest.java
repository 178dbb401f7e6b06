package io.facenetstreams.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetReaderTest {

    @TempDir
    Path root;

    private void touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
    }

    @Test
    void classesAndFilesAreSortedLabelledAndRelative() throws IOException {
        touch("bob/b_2.png");
        touch("bob/b_1.JPG");
        touch("bob/notes.txt");
        touch("bob/.hidden.png");
        touch("alice/a_10.jpeg");
        touch("alice/a_09.png");
        touch("carol/c.Png");
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve(".git"));
        Files.write(root.resolve("stray.png"), new byte[] {1});

        Dataset ds = DatasetReader.read(root);

        assertThat(ds.classes()).extracting(IdentityClass::name).containsExactly("alice", "bob", "carol", "empty");
        assertThat(ds.classes()).extracting(IdentityClass::label).containsExactly(0, 1, 2, 3);
        assertThat(ds.classes().get(0).imagePaths()).containsExactly("alice/a_09.png", "alice/a_10.jpeg");
        // 'b_1.JPG' sorts before 'b_2.png'; the .txt and hidden files are not images.
        assertThat(ds.classes().get(1).imagePaths()).containsExactly("bob/b_1.JPG", "bob/b_2.png");
        assertThat(ds.classes().get(2).imagePaths()).containsExactly("carol/c.Png");
        assertThat(ds.classes().get(3).imagePaths()).isEmpty();
        assertThat(ds.imageCount()).isEqualTo(5);
        assertThat(ds.root()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(ds.datasetRoot().resolve(ds.classes().get(1).imagePaths().get(0)))
                .isEqualTo(root.resolve("bob/b_1.JPG").toRealPath());
    }

    @Test
    void missingRootIsAClearError() {
        Path missing = root.resolve("nope");
        assertThatThrownBy(() -> DatasetReader.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void rootThatIsAFileIsAClearError() throws IOException {
        Path file = root.resolve("file.png");
        Files.write(file, new byte[] {1});
        assertThatThrownBy(() -> DatasetReader.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void rootWithoutClassesIsAClearError() throws IOException {
        Files.write(root.resolve("loose.png"), new byte[] {1});
        assertThatThrownBy(() -> DatasetReader.read(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no class folders")
                .hasMessageContaining(root.toString());
    }
}
