package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;

/**
 * TF's {@code ApplyAdam}: {@code lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); m += (g - m)*(1-beta1);
 * v += (g^2 - v)*(1-beta2); var -= lr_t * m / (sqrt(v) + epsilon)}, with epsilon outside the square root
 * and applied to the bias-corrected step as TF does ("epsilon hat"). TF keeps one pair of beta powers
 * for the whole optimizer; here {@code t} counts each parameter's updates, the same when every
 * parameter is updated at every step (as in this trainer).
 */
final class TfAdam extends TfOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    // TF keeps beta1_power and beta2_power as float32 variables multiplied by beta once per step; kept here
    // for the step last asked for, so that a step costs one multiplication, not one per step so far.
    private long powersStep;
    private float beta1Power = 1f;
    private float beta2Power = 1f;

    TfAdam(float beta1, float beta2, float epsilon) {
        super(OptimizerKind.ADAM, 0f, 0f);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step) {
        NDArray m = state[0];
        NDArray v = state[1];
        advancePowersTo(step);
        float lrT = (float) (lr * Math.sqrt(1.0 - beta2Power) / (1.0 - beta1Power));
        m.addi(grad.sub(m).muli(1f - beta1));
        v.addi(grad.square().subi(v).muli(1f - beta2));
        weight.subi(m.mul(lrT).divi(v.sqrt().addi(epsilon)));
    }

    /** Sets the powers to beta^step, by the same float multiplications from 1 as TF (bit for bit). */
    private void advancePowersTo(long step) {
        if (step < powersStep) {
            powersStep = 0;
            beta1Power = 1f;
            beta2Power = 1f;
        }
        for (; powersStep < step; powersStep++) {
            beta1Power *= beta1;
            beta2Power *= beta2;
        }
    }
}
