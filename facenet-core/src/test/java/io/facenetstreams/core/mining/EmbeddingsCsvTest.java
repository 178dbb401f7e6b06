package io.facenetstreams.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsCsvTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("emb.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsRowsGroupedIntoContiguousClassesWithOrWithoutHeader() throws IOException {
        String rows = "alice,0.5,1\nalice,-2,3e-1\n\"bob\",4,5\ncarol,6,7\ncarol,8,9\n";
        for (String content : List.of(rows, "class_label,v1,v2\n" + rows, "\uFEFFlabel, x , y\n\n" + rows + "\n")) {
            LabeledEmbeddings e = EmbeddingsCsv.read(file(content));
            assertThat(e.classLabels()).containsExactly("alice", "bob", "carol");
            assertThat(e.imagesPerClass()).containsExactly(2, 1, 2);
            assertThat(e.dim()).isEqualTo(2);
            assertThat(e.rows()).isEqualTo(5);
            assertThat(e.values()).containsExactly(0.5, 1, -2, 0.3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void writeThenReadRoundTripsExactly() throws IOException {
        LabeledEmbeddings original = SyntheticEmbeddings.clustered(new int[] {3, 1, 4}, 5, 0.7, 9);
        Path f = dir.resolve("rt.csv");
        EmbeddingsCsv.write(f, original);
        LabeledEmbeddings back = EmbeddingsCsv.read(f);
        assertThat(back.classLabels()).isEqualTo(original.classLabels());
        assertThat(back.imagesPerClass()).isEqualTo(original.imagesPerClass());
        assertThat(back.values()).isEqualTo(original.values());
    }

    @Test
    void raggedRowsNameTheLine() throws IOException {
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,2\na,1,2,3\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emb.csv line 2").hasMessageContaining("3 values").hasMessageContaining("have 2");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,2\nb\n")))
                .hasMessageContaining("line 2").hasMessageContaining("at least one value");
    }

    @Test
    void nonNumericAndNonFiniteValuesNameLineAndColumn() throws IOException {
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,2\na,1,x7\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2, column 3").hasMessageContaining("'x7' is not a number");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,2\na,NaN,2\n")))
                .hasMessageContaining("line 2, column 2").hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,-Infinity\n")))
                .hasMessageContaining("line 1, column 3");
        // a first row with one typo is data with an error, not a header
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,oops\na,1,2\n")))
                .hasMessageContaining("line 1, column 3");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("a,1,2\n ,1,2\n")))
                .hasMessageContaining("line 2, column 1: empty class label");
    }

    @Test
    void aClassReappearingAfterAnotherIsAnError() throws IOException {
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("h,v1\na,1\nb,2\na,3\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 4").hasMessageContaining("class 'a' appears again")
                .hasMessageContaining("first seen at line 2");
    }

    @Test
    void emptyAndMissingFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no embeddings (empty file)");
        assertThatThrownBy(() -> EmbeddingsCsv.read(file("class_label,v1\n\n")))
                .hasMessageContaining("only a header line");
        assertThatThrownBy(() -> EmbeddingsCsv.read(dir.resolve("missing.csv")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.csv")
                .hasMessageContaining("embeddings file not found");
        assertThatThrownBy(() -> EmbeddingsCsv.read(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("is a directory");
    }
}
