package io.facenetstreams.cli;

import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.stack.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./facenet create-topics}: the pipeline's topics on any broker (docker-compose's init step uses it). */
@Command(name = "create-topics", mixinStandardHelpOptions = true,
        description = {
            "Create the pipeline's topics on a broker (idempotent).",
            "",
            "Creates every topic of the catalogue that is missing, with its partitions and cleanup policy, and grows"
                + " topics with fewer partitions than the catalogue asks for. './facenet infra' does this itself."})
final class CreateTopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = CliDefaults.BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000))) {
            for (TopicProvisioner.Outcome t : TopicProvisioner.ensure(admin, Topics.ALL)) {
                System.out.printf("%-18s %2d partition(s)  %s%n", t.topic(), t.partitions(), t.action());
            }
        }
        return 0;
    }
}
