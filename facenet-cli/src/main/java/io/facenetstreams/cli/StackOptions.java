package io.facenetstreams.cli;

import io.facenetstreams.stack.LocalStack;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Where the local stack keeps its state and listens: shared by {@code infra} and {@code up}. */
final class StackOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Broker data, registered schemas, logs (and, for up, checkpoints and the generated dataset)"
                    + " (default: <project>/.facenet/state).")
    Path stateDir;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Kafka listener port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--controller-port", defaultValue = "0", paramLabel = "PORT",
            description = "KRaft controller port (default: the Kafka port + 1, or any free port).")
    int controllerPort;

    @Option(names = "--start-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for each server to come up (default: ${DEFAULT-VALUE}).")
    int startTimeoutSeconds;

    Path stateDir() {
        return (stateDir != null ? stateDir : CliDefaults.stateDir()).toAbsolutePath().normalize();
    }

    LocalStack.Config config() {
        return new LocalStack.Config(stateDir(), kafkaPort, controllerPort, registryPort, Duration.ofSeconds(startTimeoutSeconds));
    }
}
