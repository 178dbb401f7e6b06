package io.facenetstreams.core.model;

import ai.djl.nn.Block;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The networks a model can be built from, with their command-line names and default input sizes. */
public enum NetworkArchitecture {

    /** facenet's {@code models/inception_resnet_v1.py}: about 23M parameters, 160 px faces. */
    INCEPTION_RESNET_V1("inception-resnet-v1", 160, InceptionResNetV1.MIN_IMAGE_SIZE) {
        @Override
        Block newBlock(int embeddingSize, float keepProbability) {
            return InceptionResNetV1.build(embeddingSize, keepProbability);
        }
    },

    /** A few conv-BN-ReLU stages for 2-core CPUs, 64-96 px faces: the local default and the tests' network. */
    SMALL_CNN("small-cnn", 64, SmallCnn.MIN_IMAGE_SIZE) {
        @Override
        Block newBlock(int embeddingSize, float keepProbability) {
            return SmallCnn.build(embeddingSize, keepProbability);
        }
    };

    /** Batch norm's epsilon in every layer of both networks (facenet's); exporters write it for other frameworks. */
    public static final float BATCH_NORM_EPSILON = Layers.BATCH_NORM_EPSILON;
    /** The floor on the squared norm in the final L2 normalisation ({@code tf.nn.l2_normalize}'s). */
    public static final float L2_EPSILON = Layers.L2_EPSILON;

    private final String cliName;
    private final int defaultImageSize;
    private final int minImageSize;

    NetworkArchitecture(String cliName, int defaultImageSize, int minImageSize) {
        this.cliName = cliName;
        this.defaultImageSize = defaultImageSize;
        this.minImageSize = minImageSize;
    }

    /** The network's block, uninitialised, ending in the L2-normalised embedding. */
    abstract Block newBlock(int embeddingSize, float keepProbability);

    /** The name used on the command line, in checkpoints and on the wire. */
    public String cliName() {
        return cliName;
    }

    /** The input size (height = width, pixels) the network is designed for. */
    public int defaultImageSize() {
        return defaultImageSize;
    }

    /** The smallest input size the network's valid convolutions and poolings accept. */
    public int minImageSize() {
        return minImageSize;
    }

    /** The small CNN's channels: the stem's, then each stage's convolutions (a copy). */
    public static int[][] smallCnnStages() {
        int[][] stages = new int[SmallCnn.DEFAULT_STAGES.length][];
        for (int i = 0; i < stages.length; i++) {
            stages[i] = SmallCnn.DEFAULT_STAGES[i].clone();
        }
        return stages;
    }

    /** Looks an architecture up by its command-line name (case-insensitive; '_' may replace '-'). */
    public static NetworkArchitecture fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (NetworkArchitecture a : values()) {
                if (a.cliName.equals(wanted)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown network architecture '" + name + "': expected one of "
                + Arrays.stream(values()).map(NetworkArchitecture::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
