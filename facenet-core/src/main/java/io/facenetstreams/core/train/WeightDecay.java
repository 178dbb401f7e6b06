package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * facenet's L2 weight decay: {@code slim.l2_regularizer(wd)} on every convolution and fully connected
 * weight, i.e. {@code wd * tf.nn.l2_loss(w) = wd * sum(w^2) / 2} summed over those weights; biases and
 * batch-norm parameters are not regularised. The reference adds it to the triplet loss.
 */
public final class WeightDecay {

    private final float weightDecay;
    private final List<NDArray> weights;

    private WeightDecay(float weightDecay, List<NDArray> weights) {
        this.weightDecay = weightDecay;
        this.weights = weights;
    }

    /** The decay over a block's weights (parameters of type WEIGHT: convolution and linear kernels). */
    public static WeightDecay of(Block block, double weightDecay) {
        List<NDArray> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                weights.add(p.getValue().getArray());
            }
        }
        return new WeightDecay((float) weightDecay, weights);
    }

    /** How many weight arrays are regularised. */
    public int weightCount() {
        return weights.size();
    }

    /** The scalar penalty (differentiable through the weights), created in {@code manager}'s device. */
    public NDArray penalty(NDManager manager) {
        if (weightDecay == 0f || weights.isEmpty()) {
            return manager.zeros(new ai.djl.ndarray.types.Shape());
        }
        NDArray sum = null;
        for (NDArray w : weights) {
            NDArray s = w.square().sum();
            sum = sum == null ? s : sum.add(s);
        }
        return sum.mul(weightDecay / 2f);
    }
}
