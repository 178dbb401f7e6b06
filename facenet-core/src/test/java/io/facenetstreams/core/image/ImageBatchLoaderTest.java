package io.facenetstreams.core.image;

import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.data.DatasetRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageBatchLoaderTest {

    @TempDir
    Path root;

    private Path png(String name, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, rgb + x * 3 + y * 5);
            }
        }
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private ImageBatchLoader loader(boolean random) {
        return new ImageBatchLoader(DatasetRoot.of(root),
                new ImagePreprocessor(new PreprocessingOptions(6, 0, random, random, Standardisation.NONE)));
    }

    @Test
    void badImagesAreReportedPerImageAndTheOthersLoad() throws IOException {
        Path good = png("a/a_0001.png", 0x102030);
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/b_0001.png"), "not a png");
        png("c/c_0001.png", 0x405060);
        List<ImageBatchLoader.Source> sources = List.of(
                ImageBatchLoader.Source.reference("a/a_0001.png", ContentHash.sha256(good)),
                ImageBatchLoader.Source.reference("b/b_0001.png", null),
                ImageBatchLoader.Source.reference("../outside.png", null),
                ImageBatchLoader.Source.reference("c/c_0001.png", "00".repeat(32)),
                ImageBatchLoader.Source.reference("d/missing.png", null));
        ImageBatchLoader.Batch batch = loader(false).load(sources, false, 1L);
        assertThat(batch.images()[0]).hasSize(3 * 6 * 6);
        assertThat(batch.images()[1]).isNull();
        assertThat(batch.loaded().length).isEqualTo(1);
        assertThat(batch.failures()).extracting(ImageBatchLoader.Failure::position).containsExactly(1, 2, 3, 4);
        assertThat(batch.failures().get(0).reason()).contains("b_0001.png");
        assertThat(batch.failures().get(1).reason()).contains("..");
        assertThat(batch.failures().get(2).reason()).contains("content of c/c_0001.png changed");
        assertThat(batch.failures().get(3).reason()).contains("missing.png");
    }

    @Test
    void randomCropsDependOnTheSeedAndPositionNotOnScheduling() throws IOException {
        png("a/a_0001.png", 0x101010);
        List<ImageBatchLoader.Source> sources = java.util.Collections.nCopies(40,
                ImageBatchLoader.Source.reference("a/a_0001.png", null));
        ImageBatchLoader loader = loader(true);
        float[][] first = loader.load(sources, false, 7L, 3).images();
        float[][] again = loader.load(sources, false, 7L, 3).images();
        float[][] other = loader.load(sources, false, 8L, 3).images();
        for (int i = 0; i < first.length; i++) {
            assertThat(again[i]).containsExactly(first[i]);
        }
        boolean anyDifferent = false;
        for (int i = 0; i < first.length; i++) {
            anyDifferent |= !java.util.Arrays.equals(first[i], other[i]);
        }
        assertThat(anyDifferent).as("another seed, other crops").isTrue();
    }

    @Test
    void loadAllFailsNamingTheFirstBadImage() throws IOException {
        png("a/a_0001.png", 0x101010);
        assertThatThrownBy(() -> loader(false).loadAll(List.of(
                        ImageBatchLoader.Source.path(root.resolve("a/a_0001.png")),
                        ImageBatchLoader.Source.path(root.resolve("a/nope.png"))), false, 0L))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 of 2 images could not be loaded").hasMessageContaining("nope.png");
    }

    @Test
    void mirroredImagesAreFlippedLeftRight() throws IOException {
        png("a/a_0001.png", 0x000000);
        List<ImageBatchLoader.Source> one = List.of(ImageBatchLoader.Source.reference("a/a_0001.png", null));
        float[] plain = loader(false).load(one, false, 0L).images()[0];
        float[] mirror = loader(false).load(one, true, 0L).images()[0];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(mirror[y * 6 + x]).isEqualTo(plain[y * 6 + (5 - x)]);
            }
        }
    }
}
