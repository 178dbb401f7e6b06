package io.facenetstreams.core.engine;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Runs the {@link KnownAnswerCheck} once per JVM, at the start of every process that runs a network, and logs
 * what computes ({@link EngineEnvironment#description}). A process whose engine computes wrong numbers must not
 * train, embed or evaluate: {@link #verifyAtStart} ends it with one line on stderr.
 */
public final class EngineCheck {

    /** The exit status of a process whose engine failed the check. */
    public static final int EXIT_STATUS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(EngineCheck.class);

    /** The first outcome in this JVM: a result, or the failure every later call throws again. */
    private static KnownAnswerCheck.Result passed;
    private static EngineCheckException failed;

    private EngineCheck() {}

    /**
     * The check for services: on failure prints the one-line reason to stderr and exits with {@link #EXIT_STATUS}.
     *
     * @param processName names the process in the log, e.g. {@code embedder}
     */
    public static void verifyAtStart(String processName) {
        try {
            verify(processName);
        } catch (EngineCheckException e) {
            LOG.error("{}: {}", processName, e.getMessage());
            System.err.println(processName + ": " + e.getMessage());
            System.err.flush();
            // Nothing is started yet that needs a clean stop, and an exit from inside a framework's start-up
            // (Quarkus waits for start-up to finish before its shutdown hook runs) could wait on itself.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    /**
     * The check for the CLI and tests: runs it on the first call in this JVM, logs the engine and the check's
     * largest difference at INFO, and returns the result; later calls return (or throw) the first outcome.
     *
     * @throws EngineCheckException when the engine computes wrong numbers on this machine
     */
    public static synchronized KnownAnswerCheck.Result verify(String processName) {
        if (passed != null) {
            return passed;
        }
        if (failed != null) {
            throw failed;
        }
        try {
            Engine engine = Engine.getInstance();
            LOG.info("{}: {}", processName, EngineEnvironment.description(
                    engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice().getDeviceType()));
            passed = KnownAnswerCheck.run();
            LOG.info(String.format(Locale.ROOT, "%s: known-answer check passed: %d outputs, max abs difference %.2e"
                            + " (tolerance %.0e), %.0f ms", processName, passed.outputs(), passed.maxAbsDifference(),
                    KnownAnswerCheck.TOLERANCE, passed.nanos() / 1e6));
            return passed;
        } catch (EngineCheckException e) {
            failed = e;
            throw e;
        }
    }
}
