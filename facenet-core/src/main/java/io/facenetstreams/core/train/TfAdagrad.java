package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;

/**
 * TF's {@code ApplyAdagrad}: {@code accum += g^2; var -= lr * g / sqrt(accum)}, the accumulator starting at
 * {@code initial_accumulator_value} (0.1 in TF 1.x's AdagradOptimizer; no epsilon).
 */
final class TfAdagrad extends TfOptimizer {

    TfAdagrad(float initialAccumulator) {
        super(OptimizerKind.ADAGRAD, initialAccumulator);
    }

    @Override
    void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step) {
        NDArray accum = state[0];
        accum.addi(grad.square());
        weight.subi(grad.mul(lr).divi(accum.sqrt()));
    }
}
