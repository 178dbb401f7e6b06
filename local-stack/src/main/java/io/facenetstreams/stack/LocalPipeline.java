package io.facenetstreams.stack;

import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.config.Stage;
import io.facenetstreams.core.engine.EngineEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole pipeline on this machine: the local stack (Kafka and the registry) plus the five services, each
 * a separate process on 127.0.0.1 with its state and log under the state directory. {@code ./facenet up}
 * and the end-to-end test start it through this class; stopping it stops the services (the sampler first,
 * so that no new work starts), then the infrastructure.
 *
 * <pre>
 *   DIR/kafka, DIR/registry      the local stack's state
 *   DIR/checkpoints              the trainer's checkpoints (it resumes from the newest valid one)
 *   DIR/miner                    Kafka Streams state of the miner
 *   DIR/cache/NAME               checkpoints fetched by embedders and the evaluator
 *   DIR/logs/NAME.log            every process's output
 * </pre>
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * How to run: where the built services are ({@code projectHome}), how many embedders, and what to train;
     * the launcher adds where the broker, the registry, the HTTP ports and the state directories are.
     */
    public record Config(LocalStack.Config stack, Path projectHome, int embedders, PipelineSettings settings,
                         Map<String, Map<String, String>> serviceOverrides) {

        public Config(LocalStack.Config stack, Path projectHome, int embedders, PipelineSettings settings) {
            this(stack, projectHome, embedders, settings, Map.of());
        }

        /** The same, with properties for one service by name ({@code embedder-1}, {@code trainer}, ...) on top. */
        public Config withOverrides(String service, Map<String, String> properties) {
            Map<String, Map<String, String>> all = new java.util.HashMap<>(serviceOverrides);
            all.put(service, Map.copyOf(properties));
            return new Config(stack, projectHome, embedders, settings, Map.copyOf(all));
        }
    }

    /** A started service process, serving HTTP (its health among it) on 127.0.0.1:{@code httpPort}. */
    public record Service(String name, PipelineService kind, ManagedProcess process, int httpPort) {
    }

    private final LocalStack stack;
    private final List<Service> services;

    private LocalPipeline(LocalStack stack, List<Service> services) {
        this.stack = stack;
        this.services = services;
    }

    /** Starts the stack, then every service; on any failure stops what started and rethrows. */
    public static LocalPipeline start(Config config, Consumer<String> progress) {
        LocalStack stack = LocalStack.start(config.stack(), progress);
        List<Service> started = new ArrayList<>();
        try {
            Path state = stack.state().root();
            started.add(startService(config, stack, PipelineService.TRAINER, "trainer", Map.of(
                    RunOptions.CHECKPOINT_DIR.property(Stage.TRAINER), state.resolve("checkpoints").toString())));
            started.add(startService(config, stack, PipelineService.EVALUATOR, "evaluator", Map.of(
                    RunOptions.EVALUATOR_CACHE_DIR.property(Stage.EVALUATOR), state.resolve("cache/evaluator").toString())));
            started.add(startService(config, stack, PipelineService.MINER, "miner", Map.of(
                    "kafka-streams.state.dir", state.resolve("miner").toString())));
            for (int i = 1; i <= config.embedders(); i++) {
                String name = "embedder-" + i;
                started.add(startService(config, stack, PipelineService.EMBEDDER, name, Map.of(
                        RunOptions.EMBEDDER_ID.property(Stage.EMBEDDER), name,
                        RunOptions.EMBEDDER_CACHE_DIR.property(Stage.EMBEDDER), state.resolve("cache/" + name).toString())));
            }
            started.add(startService(config, stack, PipelineService.SAMPLER, "sampler", Map.of()));
            progress.accept("started " + started.size() + " services; logs in " + stack.state().logs());
            return new LocalPipeline(stack, started);
        } catch (IOException | RuntimeException e) {
            stopAll(started);
            stack.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Service startService(Config config, LocalStack stack, PipelineService kind, String name,
                                        Map<String, String> extra) throws IOException {
        Path appDir = config.projectHome().resolve(kind.module()).resolve("target").resolve("quarkus-app");
        int port = kind == PipelineService.TRAINER ? stablePort(stack.state().root().resolve("trainer.port")) : Ports.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", Ports.HOST);
        props.put("quarkus.http.port", Integer.toString(port));
        Stage stage = Stage.valueOf(kind.name());
        props.put(RunOptions.BOOTSTRAP_SERVERS.property(stage), stack.bootstrapServers());
        props.put(RunOptions.REGISTRY_URL.property(stage), stack.registryUrl());
        props.put("ai.djl.offline", "true");
        props.putAll(config.settings().serviceProperties().getOrDefault(kind, Map.of()));
        props.putAll(extra);
        props.putAll(config.serviceOverrides().getOrDefault(name, Map.of()));
        // The engine environment the launcher gives this process (or its defaults), so services compute alike.
        Map<String, String> env = EngineEnvironment.merged(System.getenv());
        ManagedProcess process = QuarkusApp.start(name, Path.of(ChildClasspath.java()), appDir,
                List.of("-Xms64m", "-Xmx" + kind.heap(), "-XX:+UseSerialGC"), props, env,
                stack.state().log(name), stack.state().root());
        return new Service(name, kind, process, port);
    }

    /**
     * The trainer keeps its HTTP port across runs: checkpoint events carry URLs, and a batch pinned before a
     * restart must still find its checkpoint afterwards.
     */
    private static int stablePort(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try {
                int port = Integer.parseInt(Files.readString(file).trim());
                if (Ports.isFree(port)) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // A damaged file: pick a new port.
            }
        }
        int port = Ports.freePort();
        Files.writeString(file, port + "\n");
        return port;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The services, in the order they started. */
    public List<Service> services() {
        return List.copyOf(services);
    }

    /** The first service process that has exited, if any (they run until stopped). */
    public Optional<Service> deadService() {
        return services.stream().filter(s -> !s.process().isAlive()).findFirst();
    }

    /** The first infrastructure process that has exited, if any. */
    public Optional<ManagedProcess> deadInfrastructure() {
        return stack.deadProcess();
    }

    @Override
    public void close() {
        stopAll(services);
        stack.close();
    }

    private static void stopAll(List<Service> services) {
        // The sampler first, so that no new batch starts while the others wind down; then all the rest at once.
        services.stream().filter(s -> s.kind() == PipelineService.SAMPLER).forEach(s -> s.process().stop(Duration.ofSeconds(20)));
        CompletableFuture.allOf(services.stream().filter(s -> s.kind() != PipelineService.SAMPLER)
                .map(s -> CompletableFuture.runAsync(() -> s.process().stop(Duration.ofSeconds(30))))
                .toArray(CompletableFuture[]::new)).join();
    }
}
