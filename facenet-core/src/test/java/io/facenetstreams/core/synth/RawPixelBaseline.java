package io.facenetstreams.core.synth;

import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.Pair;
import io.facenetstreams.core.data.ResolvedPairs;
import io.facenetstreams.core.image.ImageDecoder;
import io.facenetstreams.core.image.ImagePreprocessor;
import io.facenetstreams.core.image.PreprocessingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * LFW-protocol accuracy of raw pixels on a generated set: each image is centre-cropped to the set's
 * size, per-image standardised (as the network input is) and scaled to unit length (a standardised
 * image has norm sqrt(N), so this is just a division), so the squared L2 distance lies in [0, 4] like
 * that of L2-normalised embeddings and the usual threshold grid applies.
 */
final class RawPixelBaseline {

    private RawPixelBaseline() {
    }

    static double accuracy(Path lfwDir, Path pairsFile, int imageSize) throws IOException {
        LfwPairs pairs = LfwPairs.read(pairsFile);
        ResolvedPairs resolved = LfwPairs.resolve(lfwDir, pairs);
        ImagePreprocessor pre = new ImagePreprocessor(PreprocessingOptions.evaluation(imageSize));
        Map<Path, float[]> cache = new HashMap<>();
        double[] d = new double[resolved.pairs().size()];
        for (int i = 0; i < d.length; i++) {
            Pair p = resolved.pairs().get(i);
            float[] a = vector(p.leftPath(), pre, cache);
            float[] b = vector(p.rightPath(), pre, cache);
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                double diff = a[k] - b[k];
                s += diff * diff;
            }
            d[i] = s;
        }
        return StandInPairAccuracy.accuracy(d, resolved.actualIsSame(), 10);
    }

    private static float[] vector(Path file, ImagePreprocessor pre, Map<Path, float[]> cache) throws IOException {
        float[] v = cache.get(file);
        if (v == null) {
            v = pre.process(ImageDecoder.decode(file), null);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
            for (int k = 0; k < v.length; k++) {
                v[k] *= inv;
            }
            cache.put(file, v);
        }
        return v;
    }

    /** Generates nothing: prints the raw-pixel accuracy of an existing set, {@code args[0]} = its directory. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int size = Integer.parseInt(args.length > 1 ? args[1] : "64");
        System.out.printf("raw-pixel accuracy %.4f%n", accuracy(dir.resolve("lfw"), dir.resolve("pairs.txt"), size));
    }
}
