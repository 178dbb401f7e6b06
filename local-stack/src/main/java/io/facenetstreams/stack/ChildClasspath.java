package io.facenetstreams.stack;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Classpaths for child JVMs: the running JVM's own, and the location of {@link ParentWatchdog}. */
final class ChildClasspath {

    private ChildClasspath() {
    }

    /** The running JVM's classpath: it holds Kafka's jars wherever the stack is launched from. */
    static String current() {
        return System.getProperty("java.class.path");
    }

    /** The jar or classes directory that holds {@link ParentWatchdog}. */
    static String watchdogLocation() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the local-stack classes", e);
        }
    }

    /** The java executable of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
