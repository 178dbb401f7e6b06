package io.facenetstreams.cli;

import java.nio.file.Path;

/** Defaults shared by the commands: where local state lives, and where the local stack listens. */
final class CliDefaults {

    static final String BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    static final String REGISTRY_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    private CliDefaults() {
    }

    /** The project root the launcher runs from ({@code -Dfacenet.home}), or the working directory. */
    static Path home() {
        String home = System.getProperty("facenet.home");
        return Path.of(home != null && !home.isBlank() ? home : ".").toAbsolutePath().normalize();
    }

    /** Default state directory: {@code <project>/.facenet/state}. */
    static Path stateDir() {
        return home().resolve(".facenet").resolve("state");
    }
}
