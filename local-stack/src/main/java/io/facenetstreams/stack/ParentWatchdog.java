package io.facenetstreams.stack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child process the local stack starts: runs the real main class, and exits when its
 * standard input reaches end-of-file. The parent holds the other end of that pipe, so a child stops cleanly
 * (shutdown hooks run) when the parent closes it on purpose, and also when the parent dies without
 * cleaning up (kill -9), so no broker or registry outlives the command that started it.
 *
 * <p>Usage: {@code java -cp ... io.facenetstreams.stack.ParentWatchdog <main class> [args...]}
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(ParentWatchdog::exitOnEndOfInput, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitOnEndOfInput() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // Nothing is ever sent; we only wait for the pipe to close.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
        System.err.println("[parent-watchdog] parent closed the pipe or exited; shutting down");
        System.exit(0);
    }
}
