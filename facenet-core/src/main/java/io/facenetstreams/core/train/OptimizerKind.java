package io.facenetstreams.core.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reference's {@code --optimizer} choices, each with the constants of facenet's {@code facenet.train}. */
public enum OptimizerKind {
    /** {@code tf.train.AdagradOptimizer(lr)}: initial accumulator 0.1. */
    ADAGRAD,
    /** {@code tf.train.AdadeltaOptimizer(lr, rho=0.9, epsilon=1e-6)}. */
    ADADELTA,
    /** {@code tf.train.AdamOptimizer(lr, beta1=0.9, beta2=0.999, epsilon=0.1)}. */
    ADAM,
    /** {@code tf.train.RMSPropOptimizer(lr, decay=0.9, momentum=0.9, epsilon=1.0)}. */
    RMSPROP,
    /** {@code tf.train.MomentumOptimizer(lr, 0.9, use_nesterov=True)}. */
    MOM;

    /** A new optimizer of this kind with facenet's constants and no state. */
    public TfOptimizer newOptimizer() {
        return switch (this) {
            case ADAGRAD -> new TfAdagrad(0.1f);
            case ADADELTA -> new TfAdadelta(0.9f, 1e-6f);
            case ADAM -> new TfAdam(0.9f, 0.999f, 0.1f);
            case RMSPROP -> new TfRmsProp(0.9f, 0.9f, 1.0f);
            case MOM -> new TfNesterovMomentum(0.9f);
        };
    }

    /** Looks a kind up by the reference's name (case-insensitive). */
    public static OptimizerKind fromName(String name) {
        if (name != null) {
            for (OptimizerKind kind : values()) {
                if (kind.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "': expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
