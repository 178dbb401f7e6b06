package io.facenetstreams.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.config.RunOption;
import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.config.Stage;
import io.facenetstreams.stack.PipelineService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D(facenet\\.[^=\\s]+)=(\\S+)");

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

    /**
     * Compose's settings are a mapping onto the catalogue: each FACENET_* variable and each -Dfacenet.* in
     * JAVA_OPTS is an option's spelling for that service, with a valid value, and an option several stages
     * read (alpha, seed, batch size, data dir...) has one value across them, defaults included.
     */
    @Test
    void everyFacenetSettingIsACatalogueOptionAndSharedValuesAgree() throws IOException {
        JsonNode services = compose("docker-compose.yml").get("services");
        Map<RunOption, Map<String, String>> values = new LinkedHashMap<>();
        for (PipelineService service : PipelineService.values()) {
            Stage stage = Stage.valueOf(service.name());
            Map<RunOption, String> given = new LinkedHashMap<>();
            services.get(service.module()).get("environment").fields().forEachRemaining(e -> {
                String name = e.getKey();
                String value = e.getValue().asText();
                if (name.startsWith("FACENET_")) {
                    RunOption option = RunOptions.all().stream()
                            .filter(o -> o.stages().stream().anyMatch(s -> o.envVar(s).equals(Optional.of(name))))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(service.module() + ": " + name + " is no option of RunOptions"));
                    given.put(option, value);
                } else if (name.equals("JAVA_OPTS")) {
                    Matcher m = SYSTEM_PROPERTY.matcher(value);
                    while (m.find()) {
                        String property = m.group(1);
                        RunOption option = RunOptions.byProperty(stage, property).orElseThrow(() -> new AssertionError(
                                service.module() + ": -D" + property + " is no option the service reads"));
                        given.put(option, m.group(2));
                    }
                }
            });
            given.forEach((option, value) -> assertThatCode(() -> option.check(value))
                    .as(service.module() + ": " + option.key()).doesNotThrowAnyException());
            for (RunOption option : RunOptions.all()) {
                String value = given.containsKey(option) ? given.get(option)
                        : option.stages().contains(stage) ? option.defaultValue() : null;
                if (value != null) {
                    values.computeIfAbsent(option, o -> new LinkedHashMap<>()).put(service.module(), value);
                }
            }
        }
        for (RunOption mustAgree : List.of(RunOptions.ALPHA, RunOptions.SEED, RunOptions.BATCH_SIZE, RunOptions.IMAGE_SIZE,
                RunOptions.EMBEDDING_SIZE, RunOptions.ARCHITECTURE, RunOptions.DATA_DIR, RunOptions.FIXED_STANDARDIZATION)) {
            assertThat(values).as(mustAgree.key() + " reaches the services that read it").containsKey(mustAgree);
        }
        values.forEach((option, byService) -> assertThat(byService.values().stream()
                .map(v -> v.contains("${") ? v : option.check(v)).distinct().count())
                .as(option.key() + " must agree across services: " + byService).isEqualTo(1));
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
