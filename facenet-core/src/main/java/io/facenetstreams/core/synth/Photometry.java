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
        // Exposure, contrast, gamma and cast per channel value (a lookup table), then the light gradient.
        float[][] lut = new float[3][256];
        double[] cast = {nz.castR(), nz.castG(), nz.castB()};
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                double x = (v / 255.0 * nz.brightness() - 0.5) * nz.contrast() + 0.5;
                lut[c][v] = (float) (Math.pow(Math.min(Math.max(x, 0), 1), nz.gamma()) * cast[c] * 255);
            }
        }
        float[][] planes = new float[3][n];
        double lx = Math.cos(nz.lightAngle());
        double ly = Math.sin(nz.lightAngle());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double along = ((x + 0.5) / size - 0.5) * lx + ((y + 0.5) / size - 0.5) * ly;
                float light = (float) (1 + 2 * nz.lightStrength() * along);
                int p = rgb[i];
                planes[0][i] = lut[0][p >> 16 & 0xFF] * light;
                planes[1][i] = lut[1][p >> 8 & 0xFF] * light;
                planes[2][i] = lut[2][p & 0xFF] * light;
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

    /** Separable blur with clamped edges (each row and column is copied into an edge-padded line first). */
    private static void blur(float[] plane, int size, float[] kernel) {
        int radius = kernel.length / 2;
        float[] line = new float[size + 2 * radius];
        float[] tmp = new float[plane.length];
        for (int y = 0; y < size; y++) {
            System.arraycopy(plane, y * size, line, radius, size);
            java.util.Arrays.fill(line, 0, radius, plane[y * size]);
            java.util.Arrays.fill(line, radius + size, line.length, plane[y * size + size - 1]);
            convolve(line, kernel, tmp, y * size, 1, size);
        }
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                line[radius + y] = tmp[y * size + x];
            }
            java.util.Arrays.fill(line, 0, radius, tmp[x]);
            java.util.Arrays.fill(line, radius + size, line.length, tmp[(size - 1) * size + x]);
            convolve(line, kernel, plane, x, size, size);
        }
    }

    private static void convolve(float[] line, float[] kernel, float[] out, int offset, int stride, int count) {
        for (int i = 0; i < count; i++) {
            float acc = 0;
            for (int k = 0; k < kernel.length; k++) {
                acc += line[i + k] * kernel[k];
            }
            out[offset + i * stride] = acc;
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
            int[] dst = FaceRenderer.pixels(out);
            if (decoded.getType() == BufferedImage.TYPE_3BYTE_BGR) {
                byte[] bgr = ((java.awt.image.DataBufferByte) decoded.getRaster().getDataBuffer()).getData();
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = (bgr[3 * i + 2] & 0xFF) << 16 | (bgr[3 * i + 1] & 0xFF) << 8 | (bgr[3 * i] & 0xFF);
                }
            } else {
                decoded.getRGB(0, 0, image.getWidth(), image.getHeight(), dst, 0, image.getWidth());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding in memory failed", e);
        } finally {
            reader.dispose();
        }
    }
}
