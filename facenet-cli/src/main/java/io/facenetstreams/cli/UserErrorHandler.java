package io.facenetstreams.cli;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.engine.EngineCheckException;
import picocli.CommandLine;

/**
 * Turns exceptions that describe bad input (a missing file, a malformed record, a wrong option) into
 * one clear line on stderr and exit code 2, instead of a stack trace. Anything else is a bug and
 * keeps its stack trace. An engine that fails its known-answer check is reported the same way, with its own
 * exit code ({@link EngineCheck#EXIT_STATUS}, as the services exit).
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof EngineCheckException) {
            cmd.getErr().println(cmd.getColorScheme().errorText("facenet " + cmd.getCommandName() + ": " + ex.getMessage()));
            return EngineCheck.EXIT_STATUS;
        }
        if (isUserError(ex)) {
            cmd.getErr().println(cmd.getColorScheme().errorText("facenet " + cmd.getCommandName() + ": " + ex.getMessage()));
            return USER_ERROR;
        }
        ex.printStackTrace(cmd.getErr());
        return 1;
    }

    private static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException
                || ex instanceof java.io.IOException
                || ex instanceof IllegalStateException
                || ex instanceof java.io.UncheckedIOException;
    }
}
