package io.facenetstreams.core.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The camera side of a synthetic photo: light, exposure, colour cast, optics blur, sensor noise, JPEG. */
final class Photometry {

    private Photometry() {
    }

    /** Applies lighting, gain, contrast, gamma, cast, blur and noise to packed RGB pixels in place. */
    static void apply(int[] rgb, int size, Nuisance nz, SplittableRandom random) {
        int n = size * size;
        float[][] planes = new float[3][n];
        double[] cast = {nz.castR(), nz.castG(), nz.castB()};
        double lx = Math.cos(nz.lightAngle());
        double ly = Math.sin(nz.lightAngle());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double along = ((x + 0.5) / size - 0.5) * lx + ((y + 0.5) / size - 0.5) * ly;
                double light = (1 + 2 * nz.lightStrength() * along) * nz.brightness();
                for (int c = 0; c < 3; c++) {
                    double v = (rgb[i] >> (16 - 8 * c) & 0xFF) / 255.0 * light;
                    v = (v - 0.5) * nz.contrast() + 0.5;
                    v = Math.pow(Math.min(Math.max(v, 0), 1), nz.gamma()) * cast[c];
                    planes[c][i] = (float) (v * 255);
                }
            }
        }
        double sigma = nz.blurSigma() * size / 64.0;
        if (sigma > 0.25) {
            float[] kernel = gaussian(sigma);
            for (float[] plane : planes) {
                blur(plane, size, kernel);
            }
        }
        double noise = nz.noiseSigma();
        for (int i = 0; i < n; i++) {
            int packed = 0;
            for (int c = 0; c < 3; c++) {
                double v = planes[c][i] + (noise > 0 ? random.nextGaussian() * noise : 0);
                packed = packed << 8 | Rgb.clamp((int) Math.round(v));
            }
            rgb[i] = packed;
        }
    }

    private static float[] gaussian(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double w = Math.exp(-i * i / (2 * sigma * sigma));
            k[i + radius] = (float) w;
            sum += w;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Separable blur with clamped edges. */
    private static void blur(float[] plane, int size, float[] kernel) {
        int radius = kernel.length / 2;
        float[] tmp = new float[plane.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.min(Math.max(x + k, 0), size - 1);
                    acc += plane[y * size + xx] * kernel[k + radius];
                }
                tmp[y * size + x] = acc;
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.min(Math.max(y + k, 0), size - 1);
                    acc += tmp[yy * size + x] * kernel[k + radius];
                }
                plane[y * size + x] = acc;
            }
        }
    }

    /** Encodes as JPEG at {@code quality} (1..100) and decodes again: the artefacts stay, the file is a PNG later. */
    static BufferedImage jpegRoundTrip(BufferedImage image, int quality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            reader.setInput(in, true, true);
            BufferedImage decoded = reader.read(0);
            BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            out.setRGB(0, 0, image.getWidth(), image.getHeight(),
                    decoded.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()), 0, image.getWidth());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding in memory failed", e);
        } finally {
            reader.dispose();
        }
    }
}
