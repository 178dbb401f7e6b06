package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;

/**
 * TF's {@code ApplyRMSProp} (not centered): {@code ms += (g^2 - ms)*(1-decay);
 * mom = momentum*mom + lr * g / sqrt(ms + epsilon); var -= mom}. The mean square starts at 1 (TF 1.x's
 * RMSPropOptimizer creates its {@code rms} slot with ones) and epsilon is inside the square root; with
 * facenet's epsilon of 1.0 both matter.
 */
final class TfRmsProp extends TfOptimizer {

    private final float decay;
    private final float momentum;
    private final float epsilon;

    TfRmsProp(float decay, float momentum, float epsilon) {
        super(OptimizerKind.RMSPROP, 1f, 0f);
        this.decay = decay;
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    @Override
    void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step) {
        NDArray ms = state[0];
        NDArray mom = state[1];
        ms.addi(grad.square().subi(ms).muli(1f - decay));
        mom.muli(momentum).addi(grad.mul(lr).divi(ms.add(epsilon).sqrt()));
        weight.subi(mom);
    }
}
