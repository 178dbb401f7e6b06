package io.facenetstreams.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG files to 8-bit RGB like TensorFlow's {@code decode_image(channels=3)}: grey
 * is replicated to three channels, alpha is dropped (not composited), palettes are looked up, 16-bit
 * samples keep their high byte. Sample values are taken as stored: no colour-profile or gamma
 * conversion (Java's {@code getRGB} would apply one to grey images).
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes an image file.
     *
     * @throws IOException naming the file when it is missing, corrupt or of an unsupported format
     */
    public static RgbImage decode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file does not exist");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Decodes image bytes; {@code name} appears in error messages. */
    public static RgbImage decode(byte[] bytes, String name) throws IOException {
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("cannot decode image " + name + ": not a PNG or JPEG image (unsupported format)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot decode image " + name + " (corrupt or unsupported " + reader.getFormatName()
                        + "): " + describe(e), e);
            } finally {
                reader.dispose();
            }
        }
        return toRgb(image);
    }

    /** The stored sample values of {@code image} as 8-bit RGB. */
    public static RgbImage toRgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        int colourComponents = cm.getNumColorComponents();
        if (cm instanceof IndexColorModel) {
            return RgbImage.of(image);
        }
        if (colourComponents == 1 && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromBands(image, new int[] {0, 0, 0});
        }
        if (colourComponents == 3 && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            return fromBands(image, new int[] {0, 1, 2});
        }
        return RgbImage.of(image);
    }

    private static RgbImage fromBands(BufferedImage image, int[] bands) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = new byte[w * h * 3];
        int[] bits = new int[3];
        for (int c = 0; c < 3; c++) {
            bits[c] = raster.getSampleModel().getSampleSize(bands[c]);
        }
        int[] row = new int[w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, bands[c], row);
                for (int x = 0; x < w; x++) {
                    px[(y * w + x) * 3 + c] = (byte) to8Bit(row[x], bits[c]);
                }
            }
        }
        return new RgbImage(w, h, px);
    }

    /** libpng's conventions: expand low bit depths to the full range, strip 16-bit to the high byte. */
    static int to8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    /** The exception's message, or its class's name when it has none (what a reader can act on). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
