package io.facenetstreams.stack;

import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The infrastructure of the pipeline without Docker: a Kafka broker (KRaft) and a schema registry started
 * side by side, the catalogue's topics created. {@code ./facenet infra}, {@code ./facenet up} and the test
 * harness all start it through this class.
 */
public final class LocalStack implements AutoCloseable {

    /** Where and how to start. A controller port of 0 means: the Kafka port + 1 if free, else any free port. */
    public record Config(Path stateDir, int kafkaPort, int controllerPort, int registryPort, Duration startTimeout) {
    }

    private final StateDirectory state;
    private final KafkaBrokerServer kafka;
    private final SchemaRegistryServer registry;
    private final List<TopicProvisioner.Outcome> topics;

    private LocalStack(StateDirectory state, KafkaBrokerServer kafka, SchemaRegistryServer registry,
                       List<TopicProvisioner.Outcome> topics) {
        this.state = state;
        this.kafka = kafka;
        this.registry = registry;
        this.topics = topics;
    }

    /** Starts the broker and the registry in parallel, then creates the topics; stops what started on failure. */
    public static LocalStack start(Config config, Consumer<String> progress) {
        Ports.requireFree(config.kafkaPort(), "Kafka broker", "--kafka-port");
        Ports.requireFree(config.registryPort(), "schema registry", "--registry-port");
        int controllerPort = config.controllerPort() != 0 ? config.controllerPort()
                : Ports.isFree(config.kafkaPort() + 1) && config.kafkaPort() + 1 != config.registryPort()
                ? config.kafkaPort() + 1 : Ports.freePort();
        StateDirectory state = StateDirectory.open(config.stateDir());
        progress.accept("starting Kafka (KRaft) on " + Ports.HOST + ":" + config.kafkaPort() + " and the schema registry on "
                + Ports.HOST + ":" + config.registryPort() + "; state in " + state.root());
        CompletableFuture<SchemaRegistryServer> registry = CompletableFuture.supplyAsync(() -> call(() ->
                SchemaRegistryServer.start(state.registry(), config.registryPort(), state.log("schema-registry"),
                        config.startTimeout())));
        CompletableFuture<KafkaBrokerServer> kafka = CompletableFuture.supplyAsync(() -> call(() ->
                KafkaBrokerServer.start(state.kafka(), config.kafkaPort(), controllerPort, state.log("kafka"),
                        config.startTimeout())));
        try {
            CompletableFuture.allOf(registry, kafka).join();
        } catch (CompletionException e) {
            // Whichever server did start (or starts later) is stopped.
            registry.thenAccept(SchemaRegistryServer::close);
            kafka.thenAccept(KafkaBrokerServer::close);
            state.close();
            throw unwrap(e);
        }
        List<TopicProvisioner.Outcome> outcomes;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.join().bootstrapServers()))) {
            outcomes = TopicProvisioner.ensure(admin, Topics.ALL);
        } catch (RuntimeException e) {
            registry.join().close();
            kafka.join().close();
            state.close();
            throw e;
        }
        return new LocalStack(state, kafka.join(), registry.join(), outcomes);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-API base URL. */
    public String registryUrl() {
        return registry.url();
    }

    public List<TopicProvisioner.Outcome> topics() {
        return topics;
    }

    public StateDirectory state() {
        return state;
    }

    /** The first of the stack's processes that has died, if any. */
    public java.util.Optional<ManagedProcess> deadProcess() {
        if (!kafka.process().isAlive()) {
            return java.util.Optional.of(kafka.process());
        }
        if (!registry.process().isAlive()) {
            return java.util.Optional.of(registry.process());
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        // Stop both at once: each waits for its own clean shutdown.
        CompletableFuture<Void> k = CompletableFuture.runAsync(kafka::close);
        CompletableFuture<Void> r = CompletableFuture.runAsync(registry::close);
        CompletableFuture.allOf(k, r).join();
        state.close();
    }

    private static <T> T call(Callable<T> starter) {
        try {
            return starter.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during start-up", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
    }
}
