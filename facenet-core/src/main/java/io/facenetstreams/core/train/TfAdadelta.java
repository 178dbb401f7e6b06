package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;

/**
 * TF's {@code ApplyAdadelta}: {@code accum = rho*accum + (1-rho)*g^2;
 * update = sqrt(accum_update + eps) / sqrt(accum + eps) * g; var -= lr * update;
 * accum_update = rho*accum_update + (1-rho)*update^2}, both slots starting at 0.
 */
final class TfAdadelta extends TfOptimizer {

    private final float rho;
    private final float epsilon;

    TfAdadelta(float rho, float epsilon) {
        super(OptimizerKind.ADADELTA, 0f, 0f);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step) {
        NDArray accum = state[0];
        NDArray accumUpdate = state[1];
        accum.muli(rho).addi(grad.square().muli(1f - rho));
        NDArray update = accumUpdate.add(epsilon).sqrt().divi(accum.add(epsilon).sqrt()).muli(grad);
        weight.subi(update.mul(lr));
        accumUpdate.muli(rho).addi(update.square().muli(1f - rho));
    }
}
