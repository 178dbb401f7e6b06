package io.facenetstreams.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * A network's parameter counts: {@code trainable} (weights, biases, batch-norm offsets: what the
 * optimizer updates), {@code movingStatistics} (batch-norm moving means and variances) and {@code fixed}
 * (DJL's batch-norm scale, kept at 1 because facenet's batch norm has {@code scale=False}). facenet puts
 * the moving statistics among its trainable variables, so its count is {@code trainable + movingStatistics}.
 */
public record ParameterCount(long trainable, long movingStatistics, long fixed) {

    public static ParameterCount of(Block block) {
        long trainable = 0;
        long moving = 0;
        long fixed = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            long size = parameter.getArray().size();
            if (parameter.getType() == Parameter.Type.RUNNING_MEAN || parameter.getType() == Parameter.Type.RUNNING_VAR) {
                moving += size;
            } else if (parameter.requiresGradient()) {
                trainable += size;
            } else {
                fixed += size;
            }
        }
        return new ParameterCount(trainable, moving, fixed);
    }

    /** What facenet's {@code tf.trainable_variables()} would hold: trainable plus moving statistics. */
    public long facenetEquivalent() {
        return trainable + movingStatistics;
    }
}
