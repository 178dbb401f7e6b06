package io.facenetstreams.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTest {

    @TempDir
    Path tmp;

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path p = tmp.resolve(name);
        assertThat(ImageIO.write(image, format, p.toFile())).isTrue();
        return p;
    }

    @Test
    void rgbPngKeepsExactValues() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0A141E);
        img.setRGB(2, 1, 0xFF8001);
        RgbImage rgb = ImageDecoder.decode(write(img, "png", "rgb.png"));
        assertThat(rgb.width()).isEqualTo(3);
        assertThat(rgb.height()).isEqualTo(2);
        assertThat(new int[] {rgb.get(0, 0, 0), rgb.get(0, 0, 1), rgb.get(0, 0, 2)}).containsExactly(10, 20, 30);
        assertThat(new int[] {rgb.get(2, 1, 0), rgb.get(2, 1, 1), rgb.get(2, 1, 2)}).containsExactly(255, 128, 1);
        assertThat(rgb.get(1, 0, 0)).isZero();
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x10C86432); // alpha 16, colour (200, 100, 50)
        RgbImage rgb = ImageDecoder.decode(write(img, "png", "rgba.png"));
        assertThat(Arrays.copyOf(rgb.pixels(), 3)).containsExactly((byte) 200, (byte) 100, (byte) 50);
    }

    @Test
    void greyPngIsReplicatedWithoutGammaConversion() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        r.setSample(0, 0, 0, 100);
        r.setSample(1, 0, 0, 7);
        RgbImage rgb = ImageDecoder.decode(write(img, "png", "grey.png"));
        // getRGB() would map linear grey 100 to about 170 in sRGB; TF keeps the stored 100.
        assertThat(rgb.pixels()).containsExactly(100, 100, 100, 7, 7, 7);
    }

    @Test
    void sixteenBitGreyKeepsTheHighByte() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 0xABCD);
        RgbImage rgb = ImageDecoder.decode(write(img, "png", "grey16.png"));
        assertThat(rgb.get(0, 0, 0)).isEqualTo(0xAB);
        assertThat(rgb.get(0, 0, 2)).isEqualTo(0xAB);
    }

    @Test
    void palettePngIsLookedUp() throws IOException {
        byte[] r = {0, (byte) 250};
        byte[] g = {0, 12};
        byte[] b = {0, 99};
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        img.getRaster().setSample(1, 0, 0, 1);
        RgbImage rgb = ImageDecoder.decode(write(img, "png", "palette.png"));
        assertThat(rgb.pixels()).containsExactly(0, 0, 0, (byte) 250, 12, 99);
    }

    @Test
    void greyJpegBecomesThreeEqualChannels() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                r.setSample(x, y, 0, x < 8 ? 60 : 200);
            }
        }
        RgbImage rgb = ImageDecoder.decode(write(img, "jpg", "grey.jpg"));
        assertThat(rgb.width()).isEqualTo(16);
        for (int i = 0; i < 16 * 16; i++) {
            assertThat(rgb.pixels()[3 * i]).isEqualTo(rgb.pixels()[3 * i + 1]).isEqualTo(rgb.pixels()[3 * i + 2]);
        }
        // Lossy, but a flat 8x8 block keeps its level closely.
        assertThat(rgb.get(2, 2, 0)).isBetween(55, 65);
        assertThat(rgb.get(13, 13, 1)).isBetween(195, 205);
    }

    @Test
    void colourJpegDecodesToRoughlyTheStoredColour() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, 0xC83232);
            }
        }
        RgbImage rgb = ImageDecoder.decode(write(img, "jpg", "red.jpg"));
        assertThat(rgb.get(4, 4, 0)).isBetween(190, 210);
        assertThat(rgb.get(4, 4, 1)).isBetween(40, 60);
    }

    @Test
    void aCorruptPngIsAnErrorNamingTheFile() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        byte[] good = Files.readAllBytes(write(img, "png", "good.png"));
        Path bad = tmp.resolve("truncated.png");
        Files.write(bad, Arrays.copyOf(good, 40)); // PNG signature and header, then nothing
        assertThatThrownBy(() -> ImageDecoder.decode(bad))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated.png");
        Path text = tmp.resolve("not-an-image.png");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> ImageDecoder.decode(text))
                .isInstanceOf(IOException.class).hasMessageContaining("not-an-image.png").hasMessageContaining("unsupported");
        assertThatThrownBy(() -> ImageDecoder.decode(tmp.resolve("missing.png")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.png");
    }
}
