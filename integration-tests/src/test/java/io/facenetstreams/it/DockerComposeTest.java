package io.facenetstreams.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.stack.PipelineService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml describes the pipeline as DESIGN.md asks: Kafka (KRaft, apache/kafka), Confluent's schema
 * registry, init steps, the five services built from their modules' Dockerfiles, scalable embedders, volumes for
 * the dataset and checkpoints, and a GPU override. There is no Docker engine here, so this reads the file;
 * {@code docker-compose config} validates it where the client is installed (.ci/run installs it), and
 * {@code DockerComposePipelineIT} runs it where Docker runs.
 */
class DockerComposeTest {

    private static final Path HOME = Path.of(System.getProperty("facenet.home", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void describesTheWholePipeline() throws IOException {
        JsonNode services = compose("docker-compose.yml").get("services");
        assertThat(services.get("kafka").get("image").asText()).startsWith("apache/kafka:");
        assertThat(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(services.get("schema-registry").get("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(services.get("schema-registry").get("environment").get("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL").asText())
                .isEqualToIgnoringCase("backward");
        for (PipelineService service : PipelineService.values()) {
            JsonNode s = services.get(service.module());
            assertThat(s).as(service.module()).isNotNull();
            String dockerfile = s.get("build").get("dockerfile").asText();
            assertThat(dockerfile).isEqualTo(service.module() + "/Dockerfile");
            assertThat(Files.readString(HOME.resolve(dockerfile))).contains(service.module() + "/target/quarkus-app");
            assertThat(s.get("depends_on").get("topics").get("condition").asText()).isEqualTo("service_completed_successfully");
            assertThat(s.get("environment").get("FACENET_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        }
        assertThat(services.get("topics").get("command").get(0).asText()).isEqualTo("create-topics");
        assertThat(services.get("dataset").get("command").toString()).contains("generate-faces").contains("--if-missing");
    }

    @Test
    void embeddersScaleFreelyAndDataAndCheckpointsLiveInVolumes() throws IOException {
        JsonNode compose = compose("docker-compose.yml");
        JsonNode embedder = compose.get("services").get("embedder-service");
        assertThat(embedder.has("container_name")).as("no fixed container name").isFalse();
        assertThat(embedder.has("ports")).as("no host port").isFalse();
        assertThat(compose.get("volumes").has("dataset")).isTrue();
        assertThat(compose.get("volumes").has("checkpoints")).isTrue();
        assertThat(compose.get("services").get("trainer-service").get("volumes").toString()).contains("checkpoints:/checkpoints");
    }

    @Test
    void theGpuOverrideReservesNvidiaDevicesForTheEmbedders() throws IOException {
        JsonNode devices = compose("docker-compose.gpu.yml")
                .get("services").get("embedder-service").get("deploy").get("resources").get("reservations").get("devices");
        assertThat(devices.get(0).get("driver").asText()).isEqualTo("nvidia");
        assertThat(devices.get(0).get("capabilities").toString()).contains("gpu");
    }

    @Test
    void dockerComposeConfigAcceptsBothFiles() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "the docker-compose client is not installed");
        for (List<String> command : List.of(
                List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"),
                List.of("docker-compose", "-f", "docker-compose.yml", "-f", "docker-compose.gpu.yml", "config", "-q"))) {
            Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        }
    }

    /** The file with its anchors and merge keys resolved, as docker-compose reads it. */
    private static JsonNode compose(String file) throws IOException {
        Object parsed = new Yaml().load(Files.readString(HOME.resolve(file), StandardCharsets.UTF_8));
        return JSON.valueToTree(parsed);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
