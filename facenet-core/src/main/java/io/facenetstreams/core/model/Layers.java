package io.facenetstreams.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;

import java.util.List;

/**
 * The layers facenet builds with TF-slim's defaults, as DJL blocks: a convolution without bias followed
 * by batch norm and ReLU ({@code slim.conv2d} with {@code normalizer_fn=slim.batch_norm}), batch norm
 * with facenet's {@code batch_norm_params}, the bottleneck and the L2 normalisation.
 */
final class Layers {

    /**
     * facenet's batch-norm moving-average decay. DJL's {@code momentum} has TF's meaning
     * ({@code moving = moving * momentum + batch * (1 - momentum)}); DJL's PyTorch engine passes
     * {@code 1 - momentum} to torch, whose momentum weighs the new batch.
     */
    static final float BATCH_NORM_DECAY = 0.995f;
    /** facenet's batch-norm epsilon. */
    static final float BATCH_NORM_EPSILON = 0.001f;
    /** {@code tf.nn.l2_normalize}'s epsilon: a floor on the squared norm. */
    static final float L2_EPSILON = 1e-10f;

    private Layers() {}

    /**
     * {@code slim.batch_norm} with facenet's parameters: a learned offset (beta) but no learned scale
     * (slim's default {@code scale=False}; DJL keeps gamma as a constant 1 that is never trained).
     */
    static Block batchNorm() {
        return BatchNorm.builder()
                .optMomentum(BATCH_NORM_DECAY)
                .optEpsilon(BATCH_NORM_EPSILON)
                .optCenter(true)
                .optScale(false)
                .build();
    }

    /** A square stride-1 convolution with TF's SAME padding, batch norm and ReLU. */
    static Block conv(int filters, int kernel) {
        return conv(filters, kernel, kernel, 1, true);
    }

    /**
     * Convolution without bias + batch norm + ReLU. {@code same} pads like TF's SAME for stride 1 (odd
     * kernels: (k-1)/2 on each side); otherwise VALID (no padding).
     */
    static Block conv(int filters, int kernelH, int kernelW, int stride, boolean same) {
        if (same && stride != 1) {
            throw new IllegalArgumentException("SAME padding is only implemented for stride 1");
        }
        return convBnRelu(filters, new Shape(kernelH, kernelW), stride,
                same ? new Shape((kernelH - 1) / 2, (kernelW - 1) / 2) : new Shape(0, 0));
    }

    /** A square convolution with explicit symmetric padding and stride, batch norm and ReLU. */
    static Block convPadded(int filters, int kernel, int stride, int padding) {
        return convBnRelu(filters, new Shape(kernel, kernel), stride, new Shape(padding, padding));
    }

    private static Block convBnRelu(int filters, Shape kernel, int stride, Shape padding) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(kernel)
                        .optStride(new Shape(stride, stride))
                        .optPadding(padding)
                        .optBias(false)
                        .build())
                .add(batchNorm())
                .add(Activation.reluBlock());
    }

    /** A VALID convolution with the given stride, batch norm and ReLU. */
    static Block convValid(int filters, int kernel, int stride) {
        return conv(filters, kernel, kernel, stride, false);
    }

    /** A 1x1 convolution with bias and no normalisation or activation (the residual blocks' "up" projection). */
    static Block linearConv1x1(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).optBias(true).build();
    }

    /** Runs the branches on the same input and concatenates their outputs along the channel axis. */
    static Block concatBranches(Block... branches) {
        return new ParallelBlock(Layers::concatChannels, List.of(branches));
    }

    private static NDList concatChannels(List<NDList> outputs) {
        NDList all = new NDList(outputs.size());
        for (NDList out : outputs) {
            all.add(out.singletonOrThrow());
        }
        return new NDList(NDArrays.concat(all, 1));
    }

    /** {@code x + scale * residual(x)}, then ReLU when {@code relu}. */
    static Block scaledResidual(Block residual, float scale, boolean relu) {
        SequentialBlock block = new SequentialBlock()
                .add(new ParallelBlock(
                        outputs -> new NDList(outputs.get(0).singletonOrThrow()
                                .add(outputs.get(1).singletonOrThrow().mul(scale))),
                        List.of(Blocks.identityBlock(), residual)));
        if (relu) {
            block.add(Activation.reluBlock());
        }
        return block;
    }

    /**
     * The head shared by both networks: dropout (facenet's keep probability; nothing when 1), the
     * bottleneck fully connected layer to the embedding size without bias but with batch norm (what
     * {@code slim.fully_connected} does under facenet's arg scope), then the L2 normalisation.
     */
    static SequentialBlock embeddingHead(int embeddingSize, float keepProbability) {
        SequentialBlock head = new SequentialBlock();
        if (keepProbability < 1f) {
            head.add(Dropout.builder().optRate(1f - keepProbability).build());
        }
        return head.add(Linear.builder().setUnits(embeddingSize).optBias(false).build())
                .add(batchNorm())
                .add(LambdaBlock.singleton(Layers::l2Normalize, "l2_normalize"));
    }

    /** {@code tf.nn.l2_normalize(x, 1, 1e-10)}: {@code x / sqrt(max(sum(x^2, axis 1), 1e-10))}, row by row. */
    static NDArray l2Normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).maximum(L2_EPSILON).sqrt());
    }
}
