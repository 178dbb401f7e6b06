package io.facenetstreams.core.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every place that starts a network process to {@link EngineEnvironment}: the launcher, the Maven test
 * runs and the Dockerfiles must set each variable to the same value, so that no spelling drifts.
 */
class EngineEnvironmentTest {

    @Test
    void defaultsCapTheIsaAtAvx2AndKeepTheOfflineAndPassiveSettings() {
        assertThat(EngineEnvironment.defaults()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DJL_OFFLINE", "true", "OMP_WAIT_POLICY", "PASSIVE", "DNNL_MAX_CPU_ISA", "AVX2"));
    }

    @Test
    void theUsersValueWinsAndNothingElseOfTheUsersEnvironmentIsCopied() {
        Map<String, String> merged = EngineEnvironment.merged(
                Map.of("DNNL_MAX_CPU_ISA", "ALL", "HOME", "/root", "OMP_WAIT_POLICY", ""));
        assertThat(merged).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DJL_OFFLINE", "true", "OMP_WAIT_POLICY", "PASSIVE", "DNNL_MAX_CPU_ISA", "ALL"));
    }

    @Test
    void descriptionNamesTheEngineTheCapAndTheCpu() {
        EngineEnvironment.CpuInfo cpu = EngineEnvironment.CpuInfo.parse(List.of(
                "processor\t: 0", "model name\t: AMD EPYC 9R14", "flags\t\t: fpu sse avx2 avx512f avx512bw"));
        assertThat(EngineEnvironment.description("PyTorch 2.7.1 on cpu", "AVX2", cpu)).isEqualTo(
                "engine: PyTorch 2.7.1 on cpu; oneDNN ISA capped at AVX2 (DNNL_MAX_CPU_ISA); CPU: AMD EPYC 9R14, AVX-512: yes");
        assertThat(EngineEnvironment.description("PyTorch 2.7.1 on cpu", null, cpu))
                .contains("oneDNN ISA not capped (DNNL_MAX_CPU_ISA unset)");
        assertThat(EngineEnvironment.description("PyTorch 2.7.1 on cpu", "ALL", cpu))
                .contains("oneDNN ISA not capped (DNNL_MAX_CPU_ISA=ALL)");
    }

    @Test
    void cpuinfoThatIsMissingOrSaysNothingGivesUnknown(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(EngineEnvironment.CpuInfo.read(dir.resolve("no-cpuinfo")).avx512()).isEqualTo("unknown");
        assertThat(EngineEnvironment.CpuInfo.parse(List.of("processor : 0", "flags : fpu sse avx2")))
                .isEqualTo(new EngineEnvironment.CpuInfo("unknown", "no"));
        System.out.println(EngineEnvironment.description("(test)"));
    }

    @Test
    void theLauncherSetsEveryVariableToTheCoreValue() throws IOException {
        String launcher = Files.readString(repositoryRoot().resolve("facenet"));
        Map<String, String> exported = new LinkedHashMap<>();
        // export NAME=VALUE, or export NAME="${NAME:-VALUE}" (the user's value wins, as in merged()).
        Matcher m = Pattern.compile("(?m)^export (\\w+)=(?:\"\\$\\{(\\w+):-([^}\"]*)}\"|(\\S+))\\s*$").matcher(launcher);
        while (m.find()) {
            if (m.group(2) != null) {
                assertThat(m.group(2)).as("the launcher's default for %s names itself", m.group(1)).isEqualTo(m.group(1));
            }
            exported.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
        }
        assertThat(exported).containsAllEntriesOf(EngineEnvironment.defaults());
    }

    @Test
    void theMavenTestRunsSetEveryVariableToTheCoreValue() throws IOException {
        String pom = Files.readString(repositoryRoot().resolve("pom.xml"));
        Matcher block = Pattern.compile("(?s)<environmentVariables>(.*?)</environmentVariables>").matcher(pom);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            Map<String, String> set = new LinkedHashMap<>();
            Matcher element = Pattern.compile("<(\\w+)>([^<]*)</\\1>").matcher(block.group(1));
            while (element.find()) {
                set.put(element.group(1), element.group(2).trim());
            }
            assertThat(set).as("environmentVariables block %d of pom.xml", blocks)
                    .containsAllEntriesOf(EngineEnvironment.defaults());
        }
        assertThat(blocks).as("surefire's and failsafe's environmentVariables").isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyDockerfileSetsEveryVariableToTheCoreValue() throws IOException {
        Path root = repositoryRoot();
        List<Path> dockerfiles;
        try (Stream<Path> dirs = Files.list(root)) {
            dockerfiles = dirs.map(d -> d.resolve("Dockerfile")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(dockerfiles).isNotEmpty();
        for (Path dockerfile : dockerfiles) {
            List<Map<String, String>> envLines = new ArrayList<>();
            for (String line : Files.readAllLines(dockerfile)) {
                if (line.startsWith("ENV ") && line.contains(EngineEnvironment.DJL_OFFLINE + "=")) {
                    Map<String, String> set = new LinkedHashMap<>();
                    Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)").matcher(line.substring(4));
                    while (m.find()) {
                        set.put(m.group(1), m.group(2).replace("\"", ""));
                    }
                    envLines.add(set);
                }
            }
            assertThat(envLines).as("ENV lines of %s that set DJL_OFFLINE", root.relativize(dockerfile)).isNotEmpty();
            for (Map<String, String> set : envLines) {
                assertThat(set).as(root.relativize(dockerfile).toString()).containsAllEntriesOf(EngineEnvironment.defaults());
            }
        }
    }

    /** The directory above the working directory that holds the launcher and the root pom. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("facenet")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory above " + Path.of("").toAbsolutePath()
                + " holds both the 'facenet' launcher and pom.xml");
    }
}
