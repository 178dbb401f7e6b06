package io.facenetstreams.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

import static io.facenetstreams.core.model.Layers.concatBranches;
import static io.facenetstreams.core.model.Layers.conv;
import static io.facenetstreams.core.model.Layers.convValid;

/**
 * facenet's Inception-ResNet-v1 ({@code src/models/inception_resnet_v1.py}, after Szegedy et al. 2016):
 * the stem, 5 x block35 (scale 0.17), reduction A (k, l, m, n = 192, 192, 256, 384), 10 x block17
 * (scale 0.10), reduction B, 5 x block8 (scale 0.20) and one block8 without activation, global average
 * pooling, dropout, and the bottleneck to the embedding with batch norm, then L2 normalisation.
 * At 160 px the maps are 79, 77, 77, 38, 38, 36, 17 (block35), 8 (block17), 3 (block8).
 */
final class InceptionResNetV1 {

    /** The smallest input whose VALID convolutions and poolings leave a map of at least 1x1 after reduction B. */
    static final int MIN_IMAGE_SIZE = 75;

    private InceptionResNetV1() {}

    static Block build(int embeddingSize, float keepProbability) {
        SequentialBlock net = new SequentialBlock();
        net.add(convValid(32, 3, 2))                                    // Conv2d_1a_3x3
                .add(convValid(32, 3, 1))                               // Conv2d_2a_3x3
                .add(conv(64, 3))                                       // Conv2d_2b_3x3 (SAME)
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))  // MaxPool_3a_3x3
                .add(convValid(80, 1, 1))                               // Conv2d_3b_1x1
                .add(convValid(192, 3, 1))                              // Conv2d_4a_3x3
                .add(convValid(256, 3, 2));                             // Conv2d_4b_3x3
        for (int i = 0; i < 5; i++) {
            net.add(block35(0.17f, true));
        }
        net.add(reductionA(192, 192, 256, 384));                      // Mixed_6a
        for (int i = 0; i < 10; i++) {
            net.add(block17(0.10f, true));
        }
        net.add(reductionB());                                          // Mixed_7a
        for (int i = 0; i < 5; i++) {
            net.add(block8(0.20f, true));
        }
        net.add(block8(1.0f, false));                                   // Mixed_8b
        net.add(Pool.globalAvgPool2dBlock());                           // AvgPool_1a + flatten
        net.add(Layers.embeddingHead(embeddingSize, keepProbability));
        return net;
    }

    /** Inception-ResNet-A on 256 channels. */
    static Block block35(float scale, boolean relu) {
        Block branches = concatBranches(
                conv(32, 1),
                new SequentialBlock().add(conv(32, 1)).add(conv(32, 3)),
                new SequentialBlock().add(conv(32, 1)).add(conv(32, 3)).add(conv(32, 3)));
        return Layers.scaledResidual(
                new SequentialBlock().add(branches).add(Layers.linearConv1x1(256)), scale, relu);
    }

    /** Inception-ResNet-B on 896 channels. */
    static Block block17(float scale, boolean relu) {
        Block branches = concatBranches(
                conv(128, 1),
                new SequentialBlock()
                        .add(conv(128, 1))
                        .add(Layers.conv(128, 1, 7, 1, true))
                        .add(Layers.conv(128, 7, 1, 1, true)));
        return Layers.scaledResidual(
                new SequentialBlock().add(branches).add(Layers.linearConv1x1(896)), scale, relu);
    }

    /** Inception-ResNet-C on 1792 channels. */
    static Block block8(float scale, boolean relu) {
        Block branches = concatBranches(
                conv(192, 1),
                new SequentialBlock()
                        .add(conv(192, 1))
                        .add(Layers.conv(192, 1, 3, 1, true))
                        .add(Layers.conv(192, 3, 1, 1, true)));
        return Layers.scaledResidual(
                new SequentialBlock().add(branches).add(Layers.linearConv1x1(1792)), scale, relu);
    }

    /** 256 -> 384 + m + 256 channels (896 with facenet's numbers), halving the map. */
    static Block reductionA(int k, int l, int m, int n) {
        return concatBranches(
                convValid(n, 3, 2),
                new SequentialBlock().add(conv(k, 1)).add(conv(l, 3)).add(convValid(m, 3, 2)),
                Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
    }

    /** 896 -> 384 + 256 + 256 + 896 = 1792 channels, halving the map. */
    static Block reductionB() {
        return concatBranches(
                new SequentialBlock().add(conv(256, 1)).add(convValid(384, 3, 2)),
                new SequentialBlock().add(conv(256, 1)).add(convValid(256, 3, 2)),
                new SequentialBlock().add(conv(256, 1)).add(conv(256, 3)).add(convValid(256, 3, 2)),
                Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
    }
}
