package io.facenetstreams.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small forward pass with fixed weights and inputs through the primitives the networks use (the small CNN's
 * stem and first stage: convolution without bias, training-mode batch norm with an offset and no scale, ReLU,
 * max pooling, global average pooling, a bias-free linear layer, L2 normalisation), computed by DJL/libtorch and
 * again in plain Java in double precision. Every output must be finite and within {@link #TOLERANCE} of the
 * Java answer; otherwise the engine computes wrong numbers on this CPU (as libtorch's oneDNN AVX-512 kernels did
 * on an AMD EPYC) and nothing it trains or embeds can be trusted.
 */
public final class KnownAnswerCheck {

    /** Largest absolute difference allowed per output; float32 rounding stays orders of magnitude below it. */
    public static final double TOLERANCE = 1e-4;
    /** What the check computes, as the failure message names it. */
    static final String NAME = "small conv/batch-norm/pool/linear forward pass";

    static final int BATCH = 4;
    static final int IN_CHANNELS = 3;
    static final int SIZE = 32;
    /** The small CNN's stem width: 24 channels, which oneDNN pads to 32 in its blocked layouts. */
    static final int STEM_CHANNELS = 24;
    static final int STAGE_CHANNELS = 48;
    static final int UNITS = 16;
    /** facenet's batch-norm epsilon and {@code tf.nn.l2_normalize}'s, as the networks use them. */
    static final float BATCH_NORM_EPSILON = 0.001f;
    static final float L2_EPSILON = 1e-10f;

    private static final long SEED = 20250101L;

    /** The outcome of a passing check. */
    public record Result(double maxAbsDifference, int outputs, long nanos) {}

    /** The fixed inputs and weights, as float32 (what both computations start from). */
    private record Fixture(float[] images, float[] stemWeight, float[] stemBeta, float[] stageWeight, float[] stageBeta,
                           float[] linearWeight) {

        static Fixture create() {
            SplittableRandom random = new SplittableRandom(SEED);
            return new Fixture(
                    uniform(random, BATCH * IN_CHANNELS * SIZE * SIZE, 1.0),
                    uniform(random, STEM_CHANNELS * IN_CHANNELS * 9, 1.0 / Math.sqrt(IN_CHANNELS * 9)),
                    uniform(random, STEM_CHANNELS, 0.2),
                    uniform(random, STAGE_CHANNELS * STEM_CHANNELS * 9, 1.0 / Math.sqrt(STEM_CHANNELS * 9)),
                    uniform(random, STAGE_CHANNELS, 0.2),
                    uniform(random, UNITS * STAGE_CHANNELS, 1.0 / Math.sqrt(STAGE_CHANNELS)));
        }

        private static float[] uniform(SplittableRandom random, int n, double scale) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            return values;
        }
    }

    private KnownAnswerCheck() {}

    /**
     * Runs the check on the default engine and device.
     *
     * @throws EngineCheckException when an output is not finite or is farther than {@link #TOLERANCE} from the answer
     */
    public static Result run() {
        return run(reference());
    }

    /** Runs the engine's forward pass and compares it with {@code expected} (the tests pass a wrong answer). */
    static Result run(double[][] expected) {
        Fixture f = Fixture.create();
        long started = System.nanoTime();
        float[] actual = engineForward(f);
        return compare(actual, expected, System.nanoTime() - started);
    }

    /** The forward pass through DJL's functional operators, in a manager closed before it returns. */
    private static float[] engineForward(Fixture f) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(f.images(), new Shape(BATCH, IN_CHANNELS, SIZE, SIZE));
            NDArray stemWeight = manager.create(f.stemWeight(), new Shape(STEM_CHANNELS, IN_CHANNELS, 3, 3));
            NDArray stageWeight = manager.create(f.stageWeight(), new Shape(STAGE_CHANNELS, STEM_CHANNELS, 3, 3));
            NDArray linearWeight = manager.create(f.linearWeight(), new Shape(UNITS, STAGE_CHANNELS));

            x = Conv2d.conv2d(x, stemWeight, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            x = Activation.relu(batchNorm(manager, x, f.stemBeta()));
            x = Conv2d.conv2d(x, stageWeight, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            x = Activation.relu(batchNorm(manager, x, f.stageBeta()));
            x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            x = Pool.globalAvgPool2d(x).reshape(BATCH, STAGE_CHANNELS);
            x = Linear.linear(x, linearWeight).singletonOrThrow();
            x = x.div(x.square().sum(new int[] {1}, true).maximum(L2_EPSILON).sqrt());
            if (!x.getShape().equals(new Shape(BATCH, UNITS))) {
                throw new EngineCheckException("known-answer check: the forward pass gave shape " + x.getShape()
                        + ", expected " + new Shape(BATCH, UNITS));
            }
            return x.toFloatArray();
        }
    }

    /** Batch norm in training mode (batch statistics), with an offset and no scale (gamma fixed at 1). */
    private static NDArray batchNorm(NDManager manager, NDArray x, float[] beta) {
        long channels = x.getShape().get(1);
        NDArray runningMean = manager.zeros(new Shape(channels));
        NDArray runningVar = manager.ones(new Shape(channels));
        NDArray gamma = manager.ones(new Shape(channels));
        return BatchNorm.batchNorm(x, runningMean, runningVar, gamma, manager.create(beta), 1, 0.995f,
                BATCH_NORM_EPSILON, true).singletonOrThrow();
    }

    /** Every output must be finite and within tolerance; the first non-finite or else the worst one is reported. */
    static Result compare(float[] actual, double[][] expected, long nanos) {
        if (actual.length != BATCH * UNITS) {
            throw new EngineCheckException(failure(actual, expected, -1));
        }
        int worst = -1;
        double maxDifference = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = expected[i / UNITS][i % UNITS];
            if (!Float.isFinite(actual[i]) || !Double.isFinite(e)) {
                worst = i;
                maxDifference = Double.NaN;
                break;
            }
            double difference = Math.abs(actual[i] - e);
            if (difference > maxDifference) {
                maxDifference = difference;
                worst = i;
            }
        }
        if (Double.isNaN(maxDifference) || maxDifference > TOLERANCE) {
            throw new EngineCheckException(failure(actual, expected, worst));
        }
        return new Result(maxDifference, actual.length, nanos);
    }

    private static String failure(float[] actual, double[][] expected, int at) {
        String what = actual.length != BATCH * UNITS
                ? actual.length + " outputs instead of " + BATCH * UNITS
                : String.format(Locale.ROOT, "%s at output [%d][%d] (expected %.6f, tolerance %.0e)",
                        Float.isNaN(actual[at]) ? "NaN" : String.format(Locale.ROOT, "%.6f", actual[at]),
                        at / UNITS, at % UNITS, expected[at / UNITS][at % UNITS], TOLERANCE);
        String isa = System.getenv(EngineEnvironment.MAX_CPU_ISA);
        return "known-answer check failed on " + EngineEnvironment.CpuInfo.read().model() + ": " + NAME + " gave " + what
                + "; libtorch's oneDNN kernels compute wrong numbers on this CPU: set " + EngineEnvironment.MAX_CPU_ISA
                + "=" + EngineEnvironment.MAX_CPU_ISA_DEFAULT + " (now " + (isa == null || isa.isEmpty() ? "unset" : isa)
                + "; ./facenet and the services set it unless you override it)";
    }

    /** The same forward pass in plain Java, in double precision: the known answer, {@code [image][unit]}. */
    static double[][] reference() {
        Fixture f = Fixture.create();
        double[][][][] x = new double[BATCH][IN_CHANNELS][SIZE][SIZE];
        for (int n = 0, i = 0; n < BATCH; n++) {
            for (int c = 0; c < IN_CHANNELS; c++) {
                for (int h = 0; h < SIZE; h++) {
                    for (int w = 0; w < SIZE; w++) {
                        x[n][c][h][w] = f.images()[i++];
                    }
                }
            }
        }
        x = reluInPlace(batchNorm(convolution(x, f.stemWeight(), STEM_CHANNELS, 2), f.stemBeta()));
        x = reluInPlace(batchNorm(convolution(x, f.stageWeight(), STAGE_CHANNELS, 1), f.stageBeta()));
        x = maxPool2x2(x);
        double[][] out = new double[BATCH][UNITS];
        for (int n = 0; n < BATCH; n++) {
            double[] pooled = new double[STAGE_CHANNELS];
            for (int c = 0; c < STAGE_CHANNELS; c++) {
                double sum = 0;
                for (double[] row : x[n][c]) {
                    for (double v : row) {
                        sum += v;
                    }
                }
                pooled[c] = sum / (x[n][c].length * x[n][c][0].length);
            }
            double squares = 0;
            for (int u = 0; u < UNITS; u++) {
                double dot = 0;
                for (int c = 0; c < STAGE_CHANNELS; c++) {
                    dot += f.linearWeight()[u * STAGE_CHANNELS + c] * pooled[c];
                }
                out[n][u] = dot;
                squares += dot * dot;
            }
            double norm = Math.sqrt(Math.max(squares, L2_EPSILON));
            for (int u = 0; u < UNITS; u++) {
                out[n][u] /= norm;
            }
        }
        return out;
    }

    /** A 3x3 convolution without bias, padding 1; weights laid out {@code [out][in][kh][kw]}. */
    private static double[][][][] convolution(double[][][][] x, float[] weight, int outChannels, int stride) {
        int in = x[0].length;
        int height = x[0][0].length;
        int width = x[0][0][0].length;
        int outHeight = (height + 2 - 3) / stride + 1;
        int outWidth = (width + 2 - 3) / stride + 1;
        double[][][][] y = new double[x.length][outChannels][outHeight][outWidth];
        for (int n = 0; n < x.length; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oh = 0; oh < outHeight; oh++) {
                    for (int ow = 0; ow < outWidth; ow++) {
                        double sum = 0;
                        for (int c = 0; c < in; c++) {
                            for (int kh = 0; kh < 3; kh++) {
                                int h = oh * stride - 1 + kh;
                                if (h < 0 || h >= height) {
                                    continue;
                                }
                                for (int kw = 0; kw < 3; kw++) {
                                    int w = ow * stride - 1 + kw;
                                    if (w >= 0 && w < width) {
                                        sum += weight[((o * in + c) * 3 + kh) * 3 + kw] * x[n][c][h][w];
                                    }
                                }
                            }
                        }
                        y[n][o][oh][ow] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** Training-mode batch norm: per channel, the batch's mean and biased variance over images and positions. */
    private static double[][][][] batchNorm(double[][][][] x, float[] beta) {
        for (int c = 0; c < x[0].length; c++) {
            double sum = 0;
            long count = 0;
            for (double[][][] image : x) {
                for (double[] row : image[c]) {
                    for (double v : row) {
                        sum += v;
                        count++;
                    }
                }
            }
            double mean = sum / count;
            double squares = 0;
            for (double[][][] image : x) {
                for (double[] row : image[c]) {
                    for (double v : row) {
                        squares += (v - mean) * (v - mean);
                    }
                }
            }
            double scale = 1 / Math.sqrt(squares / count + BATCH_NORM_EPSILON);
            for (double[][][] image : x) {
                for (double[] row : image[c]) {
                    for (int w = 0; w < row.length; w++) {
                        row[w] = (row[w] - mean) * scale + beta[c];
                    }
                }
            }
        }
        return x;
    }

    private static double[][][][] reluInPlace(double[][][][] x) {
        for (double[][][] image : x) {
            for (double[][] channel : image) {
                for (double[] row : channel) {
                    for (int w = 0; w < row.length; w++) {
                        row[w] = Math.max(row[w], 0);
                    }
                }
            }
        }
        return x;
    }

    private static double[][][][] maxPool2x2(double[][][][] x) {
        int height = x[0][0].length / 2;
        int width = x[0][0][0].length / 2;
        double[][][][] y = new double[x.length][x[0].length][height][width];
        for (int n = 0; n < x.length; n++) {
            for (int c = 0; c < x[0].length; c++) {
                for (int h = 0; h < height; h++) {
                    for (int w = 0; w < width; w++) {
                        y[n][c][h][w] = Math.max(Math.max(x[n][c][2 * h][2 * w], x[n][c][2 * h][2 * w + 1]),
                                Math.max(x[n][c][2 * h + 1][2 * w], x[n][c][2 * h + 1][2 * w + 1]));
                    }
                }
            }
        }
        return y;
    }
}
