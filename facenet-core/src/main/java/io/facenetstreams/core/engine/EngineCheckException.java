package io.facenetstreams.core.engine;

/**
 * The engine computes wrong numbers on this machine. The message is one line that names the CPU, the failing
 * check and the setting that fixes it: what a user sees before the process exits.
 */
public final class EngineCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EngineCheckException(String message) {
        super(message);
    }

    public EngineCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
