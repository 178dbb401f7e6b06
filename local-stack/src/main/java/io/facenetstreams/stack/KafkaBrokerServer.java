package io.facenetstreams.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run from Kafka's own
 * jars as a child JVM ({@code kafka.Kafka}), listening on 127.0.0.1. Its log directory is formatted once
 * and kept, so topics and records survive a restart.
 */
public final class KafkaBrokerServer implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;

    private KafkaBrokerServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker with its data under {@code dir} and waits until it serves requests, or fails with the
     * reason and the end of its log.
     */
    public static KafkaBrokerServer start(Path dir, int port, int controllerPort, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        Ports.requireFree(controllerPort, "Kafka controller", "--controller-port");
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        writeConfig(config, data, port, controllerPort);
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(config, clusterId(dir), logFile);
        }
        List<String> command = List.of(
                ChildClasspath.java(),
                "-Xms128m", "-Xmx768m", "-XX:+UseG1GC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
                "-cp", ChildClasspath.current(),
                ParentWatchdog.class.getName(),
                "kafka.Kafka", config.toString());
        ManagedProcess process = ManagedProcess.start("kafka", command, logFile, Map.of(), dir);
        KafkaBrokerServer server = new KafkaBrokerServer(process, port);
        try {
            server.awaitReady(timeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    private static void writeConfig(Path config, Path data, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", data.toAbsolutePath().toString());
        p.setProperty("num.partitions", "1");
        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics come from the catalogue only; a typo must not silently create one.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "Written by the FaceNet Streams local stack on every start");
        }
    }

    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private static void format(Path config, String clusterId, Path logFile) throws IOException, InterruptedException {
        List<String> command = List.of(ChildClasspath.java(), "-Xmx256m", "-cp", ChildClasspath.current(),
                "kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config", config.toString());
        ManagedProcess formatter = ManagedProcess.start("kafka-storage-format", command, logFile, Map.of(), config.getParent());
        int exit = formatter.waitFor(Duration.ofSeconds(90));
        if (exit != 0) {
            formatter.stop(Duration.ofSeconds(1));
            throw new IllegalStateException("formatting the Kafka log directory failed (exit " + exit + "). Last lines of "
                    + logFile + ":\n" + formatter.logTail(15));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(conf)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited during start-up (exit code " + process.exitCode()
                            + "). If its state directory is damaged, move it aside or use another --state-dir. Last lines of "
                            + process.logFile() + ":\n" + process.logTail(25));
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                            .get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for Kafka", e);
                    }
                    SchemaRegistryServer.sleep(250);
                }
            }
        }
        throw new IllegalStateException("the Kafka broker did not become ready on " + bootstrapServers() + " within "
                + timeout.toSeconds() + " s. Last lines of " + process.logFile() + ":\n" + process.logTail(25));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
