package io.facenetstreams.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairEmbeddingsCsvTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("pairs.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsRowsWithoutHeader() throws IOException {
        PairEmbeddings p = PairEmbeddingsCsv.read(file("1,0.5,-1.25,0.5,-1\n0, 2 ,3e-2,4,5\n"));
        assertThat(p.pairs()).isEqualTo(2);
        assertThat(p.dimension()).isEqualTo(2);
        assertThat(p.issame()).containsExactly(true, false);
        assertThat(p.embeddings1()[0]).containsExactly(0.5, -1.25);
        assertThat(p.embeddings2()[0]).containsExactly(0.5, -1.0);
        assertThat(p.embeddings1()[1]).containsExactly(2.0, 0.03);
        assertThat(p.embeddings2()[1]).containsExactly(4.0, 5.0);
    }

    @Test
    void skipsHeaderByteOrderMarkBlankLinesAndCarriageReturns() throws IOException {
        PairEmbeddings p = PairEmbeddingsCsv.read(file("\uFEFFissame,a0,b0\r\n\r\n1.0,1,2\r\n0.000000e+00,3,4\r\n\n"));
        assertThat(p.issame()).containsExactly(true, false);
        assertThat(p.embeddings2()[1]).containsExactly(4.0);
    }

    @Test
    void writesWhatItReadsBitForBit() throws IOException {
        double[][] e1 = {{0.1, -1e-300, 1.0 / 3}, {Math.PI, 0.0, -0.0}};
        double[][] e2 = {{Math.ulp(1.0), 1e300, -7}, {2, 3, 4}};
        PairEmbeddings written = new PairEmbeddings(e1, e2, new boolean[] {false, true});
        Path f = dir.resolve("round-trip.csv");
        PairEmbeddingsCsv.write(f, written);
        PairEmbeddings read = PairEmbeddingsCsv.read(f);
        assertThat(read.issame()).containsExactly(false, true);
        for (int i = 0; i < 2; i++) {
            assertThat(read.embeddings1()[i]).containsExactly(e1[i]);
            assertThat(read.embeddings2()[i]).containsExactly(e2[i]);
        }
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(missing))
                .isInstanceOf(IOException.class)
                .hasMessage("pair-embeddings file not found: " + missing);
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = file("\n\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(empty))
                .isInstanceOf(IOException.class)
                .hasMessage(empty + ": no pairs (the file is empty)");
        Path headerOnly = file("issame,a,b\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(headerOnly))
                .hasMessage(headerOnly + ": no pairs (the file is empty apart from its header)");
    }

    @Test
    void evenColumnCount() throws IOException {
        Path f = file("1,0.5,0.25,0.5\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(f + " line 1: 4 columns, but a row is issame followed by two embeddings");
    }

    @Test
    void raggedRows() throws IOException {
        Path f = file("1,1,2,3,4\n0,1,2,3,4\n1,1,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(f + " line 3: 3 columns, but line 1 has 5");
        Path withHeader = file("issame,a0,b0\n1,1,2,3,4\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(withHeader))
                .hasMessageStartingWith(withHeader + " line 2: 5 columns, but line 1 has 3");
    }

    @Test
    void badValueNamesLineAndColumn() throws IOException {
        Path f = file("1,1,2,3,4\n0,1,2,3,x4\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(f))
                .isInstanceOf(IOException.class)
                .hasMessage(f + " line 2, column 5 (emb2[1]): 'x4' is not a finite number");
        Path nan = file("1,NaN,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(nan))
                .hasMessage(nan + " line 1, column 2 (emb1[0]): 'NaN' is not a finite number");
        Path overflow = file("1,1e999,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(overflow))
                .hasMessage(overflow + " line 1, column 2 (emb1[0]): '1e999' is not a finite number");
        Path empty = file("1,,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(empty))
                .hasMessage(empty + " line 1, column 2 (emb1[0]): '' is not a finite number");
    }

    @Test
    void issameMustBeZeroOrOne() throws IOException {
        Path f = file("1,1,2\n2,1,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(f))
                .isInstanceOf(IOException.class)
                .hasMessage(f + " line 2, column 1 (issame): expected 0 or 1, got '2'");
        Path javaSuffix = file("1,1,2\n1d,1,2\n");
        assertThatThrownBy(() -> PairEmbeddingsCsv.read(javaSuffix))
                .hasMessage(javaSuffix + " line 2, column 1 (issame): expected 0 or 1, got '1d'");
    }
}
