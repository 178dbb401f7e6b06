package io.facenetstreams.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LfwPairsTest {

    @TempDir
    Path tmp;

    private Path file(String content) throws IOException {
        Path p = tmp.resolve("pairs.txt");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsTheLfwLayoutWithTabsOrSpaces() throws IOException {
        // Two folds of one same and one different pair, mixed separators as hand-edited files have.
        LfwPairs pairs = LfwPairs.read(file("2\t1\nAbel_Pacheco\t1\t4\nAbdel_Madi  1 Abdullah_Gul\t13\n\n"
                + "Ann 2 3\r\nBob 1 Carl 2\n"));
        assertThat(pairs.folds()).isEqualTo(2);
        assertThat(pairs.pairsPerHalf()).isEqualTo(1);
        assertThat(pairs.entries()).containsExactly(
                new LfwPairs.Entry("Abel_Pacheco", 1, "Abel_Pacheco", 4, true, 2),
                new LfwPairs.Entry("Abdel_Madi", 1, "Abdullah_Gul", 13, false, 3),
                new LfwPairs.Entry("Ann", 2, "Ann", 3, true, 5),
                new LfwPairs.Entry("Bob", 1, "Carl", 2, false, 6));
    }

    @Test
    void aOneNumberHeaderMeansOneFold() throws IOException {
        LfwPairs pairs = LfwPairs.read(file("1\nA 1 2\nA 1 B 1\n"));
        assertThat(pairs.folds()).isEqualTo(1);
        assertThat(pairs.entries()).hasSize(2);
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() throws IOException {
        assertThatThrownBy(() -> LfwPairs.read(file("1\t1\nA 1 2\nA 1 B\t\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3").hasMessageContaining("index 'B'");
        assertThatThrownBy(() -> LfwPairs.read(file("1\t1\nA 1\nA 1 B 2\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("2 fields");
        assertThatThrownBy(() -> LfwPairs.read(file("1\t1\nA x 2\nA 1 B 2\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("'x'");
        assertThatThrownBy(() -> LfwPairs.read(file("ten\t300\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1").hasMessageContaining("folds");
        assertThatThrownBy(() -> LfwPairs.read(file("1\t1\n../etc 1 2\nA 1 B 2\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("plain folder name");
        assertThatThrownBy(() -> LfwPairs.read(file("")))
                .isInstanceOf(IOException.class).hasMessageContaining("empty");
    }

    @Test
    void aPairCountThatDisagreesWithTheHeaderIsAnError() throws IOException {
        assertThatThrownBy(() -> LfwPairs.read(file("2\t1\nA 1 2\nA 1 B 2\nC 1 2\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 folds x 2 x 1 = 4 pairs, but there are 3");
    }

    @Test
    void writeThenReadRoundTripsWithTabs() throws IOException {
        LfwPairs pairs = new LfwPairs(1, 2, List.of(
                LfwPairs.Entry.same("synth_000001", 1, 2), LfwPairs.Entry.same("synth_000002", 3, 4),
                LfwPairs.Entry.different("synth_000001", 1, "synth_000002", 2),
                LfwPairs.Entry.different("synth_000002", 5, "synth_000001", 6)));
        Path p = tmp.resolve("out.txt");
        LfwPairs.write(p, pairs);
        assertThat(Files.readAllLines(p)).first().isEqualTo("1\t2");
        assertThat(Files.readAllLines(p)).element(3).isEqualTo("synth_000001\t1\tsynth_000002\t2");
        LfwPairs back = LfwPairs.read(p);
        assertThat(back.entries()).extracting(LfwPairs.Entry::toLine)
                .containsExactlyElementsOf(pairs.entries().stream().map(LfwPairs.Entry::toLine).toList());
    }

    @Test
    void resolvesPngBeforeJpgAndFailsOnAMissingImageNamingLineAndPath() throws IOException {
        Path lfw = tmp.resolve("lfw");
        Files.createDirectories(lfw.resolve("A"));
        Files.createDirectories(lfw.resolve("B"));
        Files.write(lfw.resolve("A/A_0001.png"), new byte[] {1});
        Files.write(lfw.resolve("A/A_0001.jpg"), new byte[] {1});
        Files.write(lfw.resolve("A/A_0002.jpg"), new byte[] {1});
        Files.write(lfw.resolve("B/B_0001.png"), new byte[] {1});
        LfwPairs pairs = LfwPairs.read(file("1\t1\nA\t1\t2\nA\t1\tB\t1\n"));

        ResolvedPairs r = LfwPairs.resolve(lfw, pairs);
        assertThat(r.pairs()).containsExactly(
                new Pair(lfw.resolve("A/A_0001.png"), lfw.resolve("A/A_0002.jpg"), true),
                new Pair(lfw.resolve("A/A_0001.png"), lfw.resolve("B/B_0001.png"), false));
        assertThat(r.actualIsSame()).containsExactly(true, false);
        assertThat(r.skipped()).isZero();

        LfwPairs missing = LfwPairs.read(file("1\t1\nA\t1\t3\nA\t1\tB\t1\n"));
        assertThatThrownBy(() -> LfwPairs.resolve(lfw, missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining(lfw.resolve("A/A_0003").toString());
        ResolvedPairs skipped = LfwPairs.resolve(lfw, missing, MissingImagePolicy.SKIP);
        assertThat(skipped.skipped()).isEqualTo(1);
        assertThat(skipped.skippedLines()).containsExactly(2);
        assertThat(skipped.pairs()).hasSize(1);
    }
}
