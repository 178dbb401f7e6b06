package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;

/**
 * TF's {@code ApplyMomentum} with {@code use_nesterov=True}: {@code accum = momentum*accum + g;
 * var -= lr*g + lr*momentum*accum}, the accumulator starting at 0 (DJL's Nag keeps a differently scaled
 * state).
 */
final class TfNesterovMomentum extends TfOptimizer {

    private final float momentum;

    TfNesterovMomentum(float momentum) {
        super(OptimizerKind.MOM, 0f);
        this.momentum = momentum;
    }

    @Override
    void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step) {
        NDArray accum = state[0];
        accum.muli(momentum).addi(grad);
        weight.subi(grad.mul(lr).addi(accum.mul(momentum * lr)));
    }
}
