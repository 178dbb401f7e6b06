package io.facenetstreams.core.stage;

import io.facenetstreams.core.image.ImageBatchLoader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small noisy PNGs under a dataset root, for the stage tests. */
final class StageImages {

    private StageImages() {
    }

    /** Writes {@code count} 40x40 PNGs {@code p<i>/img.png} under {@code root} and returns their references. */
    static List<ImageBatchLoader.Source> write(Path root, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<ImageBatchLoader.Source> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            String reference = "p" + i + "/img.png";
            Path file = root.resolve(reference);
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            sources.add(ImageBatchLoader.Source.reference(reference, null));
        }
        return sources;
    }
}
