package io.facenetstreams.core.synth;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.DatasetReader;
import io.facenetstreams.core.data.IdentityClass;
import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.ResolvedPairs;
import io.facenetstreams.core.image.ImageDecoder;
import io.facenetstreams.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceDatasetGeneratorTest {

    @TempDir
    Path tmp;

    /** 4 training and 6 LFW identities x 4 images, 3 folds x 2 pairs per half, 32 px. */
    private static GeneratorOptions small(long seed, int threads) {
        return new GeneratorOptions(4, 4, 6, 3, 2, 32, seed, 0.7, threads);
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), ContentHash.sha256(f));
            }
        }
        return out;
    }

    @Test
    void writesTheLayoutNamesAndAManifest() throws IOException {
        Path out = tmp.resolve("set");
        List<int[]> progress = new ArrayList<>();
        GenerationSummary summary = new FaceDatasetGenerator(small(7, 2))
                .generate(out, (done, total) -> progress.add(new int[] {done, total}));

        Dataset train = DatasetReader.read(out.resolve("train"));
        assertThat(train.classes()).extracting(IdentityClass::name)
                .containsExactly("synth_000000", "synth_000001", "synth_000002", "synth_000003");
        assertThat(train.classes().get(1).imagePaths()).containsExactly("synth_000001/synth_000001_0001.png",
                "synth_000001/synth_000001_0002.png", "synth_000001/synth_000001_0003.png",
                "synth_000001/synth_000001_0004.png");
        Dataset lfw = DatasetReader.read(out.resolve("lfw"));
        assertThat(lfw.classes()).extracting(IdentityClass::name).containsExactly("synth_000004", "synth_000005",
                "synth_000006", "synth_000007", "synth_000008", "synth_000009");
        assertThat(lfw.imageCount()).isEqualTo(24);

        RgbImage img = ImageDecoder.decode(out.resolve("lfw/synth_000009/synth_000009_0004.png"));
        assertThat(img.width()).isEqualTo(32);
        assertThat(img.height()).isEqualTo(32);

        assertThat(summary.images()).isEqualTo(40);
        assertThat(summary.pairs()).isEqualTo(12);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(40, 40);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThan(progress.get(i - 1)[0]);
        }
        String manifest = Files.readString(out.resolve("generation.json"));
        assertThat(manifest).contains("\"seed\": 7,").contains("\"lfwIdentities\": 6,").contains("\"imageSize\": 32,")
                .contains("\"nuisance\": 0.7,").contains("\"generatorVersion\": " + FaceDatasetGenerator.GENERATOR_VERSION);
    }

    @Test
    void pairsFileIsValidLfwWithIndependentFolds() throws IOException {
        Path out = tmp.resolve("set");
        new FaceDatasetGenerator(small(11, 1)).generate(out, ProgressListener.NONE);
        List<String> lines = Files.readAllLines(out.resolve("pairs.txt"));
        assertThat(lines.get(0)).isEqualTo("3\t2");

        LfwPairs pairs = LfwPairs.read(out.resolve("pairs.txt"));
        ResolvedPairs resolved = LfwPairs.resolve(out.resolve("lfw"), pairs); // fails if any file is missing
        assertThat(resolved.pairs()).hasSize(12);

        Set<String> trainNames = Set.of("synth_000000", "synth_000001", "synth_000002", "synth_000003");
        List<Set<String>> foldNames = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<LfwPairs.Entry> fold = pairs.entries().subList(4 * f, 4 * f + 4);
            assertThat(fold.subList(0, 2)).allMatch(LfwPairs.Entry::same);
            assertThat(fold.subList(2, 4)).noneMatch(LfwPairs.Entry::same);
            assertThat(new HashSet<>(fold.stream().map(LfwPairs.Entry::toLine).toList())).hasSize(4);
            Set<String> names = new HashSet<>();
            for (LfwPairs.Entry e : fold) {
                names.add(e.leftName());
                names.add(e.rightName());
                assertThat(e.leftIndex()).isBetween(1, 4);
                assertThat(e.rightIndex()).isBetween(1, 4);
                if (e.same()) {
                    assertThat(e.leftIndex()).isNotEqualTo(e.rightIndex());
                } else {
                    assertThat(e.leftName()).isNotEqualTo(e.rightName());
                }
            }
            assertThat(names).doesNotContainAnyElementsOf(trainNames);
            for (Set<String> earlier : foldNames) {
                assertThat(names).doesNotContainAnyElementsOf(earlier);
            }
            foldNames.add(names);
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesWhateverTheThreadCount() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        new FaceDatasetGenerator(small(5, 1)).generate(a, ProgressListener.NONE);
        new FaceDatasetGenerator(small(5, 3)).generate(b, ProgressListener.NONE);
        new FaceDatasetGenerator(small(6, 2)).generate(c, ProgressListener.NONE);
        Map<String, String> ha = hashes(a);
        assertThat(ha).hasSize(40 + 2);
        assertThat(hashes(b)).isEqualTo(ha);
        Map<String, String> hc = hashes(c);
        assertThat(hc.keySet()).isEqualTo(ha.keySet());
        assertThat(hc.get("train/synth_000000/synth_000000_0001.png"))
                .isNotEqualTo(ha.get("train/synth_000000/synth_000000_0001.png"));
        assertThat(hc.get("pairs.txt")).isNotEqualTo(ha.get("pairs.txt"));
    }

    @Test
    void refusesANonEmptyDirectoryUnlessForcedAndThenReplacesThePreviousSet() throws IOException {
        Path out = tmp.resolve("set");
        Files.createDirectories(out.resolve("train/synth_999999"));
        Files.writeString(out.resolve("train/synth_999999/stale.png"), "x");
        Files.writeString(out.resolve("README"), "keep me");
        FaceDatasetGenerator gen = new FaceDatasetGenerator(small(1, 2));
        assertThatThrownBy(() -> gen.generate(out, ProgressListener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("not empty").hasMessageContaining(out.toString());
        gen.generate(out, true, ProgressListener.NONE);
        assertThat(out.resolve("train/synth_999999")).doesNotExist();
        assertThat(out.resolve("README")).hasContent("keep me");
        assertThat(DatasetReader.read(out.resolve("train")).classes()).hasSize(4);
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new FaceDatasetGenerator(small(1, 1)).generate(file, true, ProgressListener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("not a directory");
    }

    @Test
    void withoutLfwIdentitiesOnlyTrainingDataIsWritten() throws IOException {
        Path out = tmp.resolve("set");
        GenerationSummary s = new FaceDatasetGenerator(new GeneratorOptions(2, 2, 0, 10, 300, 16, 3, 0.5, 1))
                .generate(out, null);
        assertThat(out.resolve("lfw")).doesNotExist();
        assertThat(out.resolve("pairs.txt")).doesNotExist();
        assertThat(s.pairsFile()).isNull();
        assertThat(DatasetReader.read(out.resolve("train")).imageCount()).isEqualTo(4);
    }
}
