package io.facenetstreams.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd recording off for the current thread until closed, then restores it. libtorch's grad
 * mode is per thread and on by default in every thread but the one DJL's engine started on, so without
 * this an embedding pass on a service thread would record a backward graph, and an in-place parameter
 * update would be refused. A no-op on engines other than PyTorch.
 */
public final class NoGradScope implements AutoCloseable {

    private final boolean restore;

    private NoGradScope(boolean restore) {
        this.restore = restore;
    }

    /** Disables autograd on this thread; closing re-enables it if it was enabled. */
    public static NoGradScope open() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return new NoGradScope(false);
        }
        boolean wasEnabled = JniUtils.isGradMode();
        if (wasEnabled) {
            JniUtils.setGradMode(false);
        }
        return new NoGradScope(wasEnabled);
    }

    /** Marks the scope as used (it works by existing), silencing the compiler's unused-resource warning. */
    public void suppressNotUsedWarning() {
        // nothing to do
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
