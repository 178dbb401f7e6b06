package io.facenetstreams.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * A small embedding network for 2-core CPUs at 64-96 px: a 3x3 stride-2 stem, then stages of 3x3
 * conv-BN-ReLU separated by 2x2 max pooling (the map halves, the width doubles), global average pooling
 * and facenet's head (dropout, bottleneck with batch norm, L2 normalisation). Built from the same layers
 * as Inception-ResNet-v1 so that training, weight decay and checkpoints treat both alike.
 */
final class SmallCnn {

    /** Stem /2 and three poolings /8: at 32 px the last stage still sees a 2x2 map. */
    static final int MIN_IMAGE_SIZE = 32;

    /** Channels of the stem and of each stage; a stage of two numbers has two convolutions. */
    static final int[][] DEFAULT_STAGES = {{24}, {48}, {96, 96}, {192}};

    private SmallCnn() {}

    static Block build(int embeddingSize, float keepProbability) {
        return build(embeddingSize, keepProbability, DEFAULT_STAGES);
    }

    static Block build(int embeddingSize, float keepProbability, int[][] stages) {
        SequentialBlock net = new SequentialBlock();
        // Padding 1 makes 64 px exactly 32 (a VALID stride-2 convolution would give 31).
        net.add(Layers.convPadded(stages[0][0], 3, 2, 1));
        for (int s = 1; s < stages.length; s++) {
            net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            for (int filters : stages[s]) {
                net.add(Layers.conv(filters, 3));
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        return net.add(Layers.embeddingHead(embeddingSize, keepProbability));
    }
}
