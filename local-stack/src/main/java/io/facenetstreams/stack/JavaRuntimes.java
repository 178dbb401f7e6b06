package io.facenetstreams.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a Java runtime of at least a given version: the schema registry (Apicurio 3) needs Java 21+ while
 * the project itself runs on Java 17. Looks at {@code FACENET_REGISTRY_JAVA}, the running JVM,
 * {@code JAVA_HOME}, and the JDKs installed under {@code /usr/lib/jvm} and {@code /opt/java}.
 */
public final class JavaRuntimes {

    /** Environment variable naming a java executable or a JDK home to run the registry with. */
    public static final String OVERRIDE_ENV = "FACENET_REGISTRY_JAVA";

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    private JavaRuntimes() {
    }

    /** The java executable of a runtime with major version {@code >= minMajor}, or a clear error. */
    public static Path find(int minMajor, String purpose) {
        List<String> checked = new ArrayList<>();
        for (Path home : candidates()) {
            Path java = home.resolve("bin").resolve("java");
            if (!Files.isExecutable(java)) {
                continue;
            }
            Optional<Integer> major = majorVersion(home, java);
            checked.add(java + " (" + major.map(m -> "Java " + m).orElse("version unknown") + ")");
            if (major.isPresent() && major.get() >= minMajor) {
                return java;
            }
        }
        throw new IllegalStateException(purpose + " needs Java " + minMajor + " or newer, and none was found. Checked: "
                + (checked.isEmpty() ? "nothing usable" : String.join(", ", checked))
                + ". Install one (e.g. 'apt-get install openjdk-21-jre-headless' or a Temurin 21+ JDK) or set "
                + OVERRIDE_ENV + " to its java executable or home.");
    }

    private static List<Path> candidates() {
        Set<Path> homes = new LinkedHashSet<>();
        String override = System.getenv(OVERRIDE_ENV);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            homes.add(p.endsWith(Path.of("bin", "java")) ? p.getParent().getParent() : p);
        }
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        for (String root : List.of("/usr/lib/jvm", "/opt/java", "/usr/local/java")) {
            Path dir = Path.of(root);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    // Newest first by name, so that temurin-25 is preferred over java-21.
                    entries.sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                            .forEach(homes::add);
                } catch (IOException ignored) {
                    // An unreadable directory just offers no candidates.
                }
            }
        }
        return new ArrayList<>(homes);
    }

    private static Optional<Integer> majorVersion(Path home, Path java) {
        Path release = home.resolve("release");
        if (Files.isReadable(release)) {
            try {
                Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Optional.of(Integer.parseInt(m.group(1)));
                }
            } catch (IOException ignored) {
                // Fall back to asking the executable.
            }
        }
        try {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = VERSION_OUTPUT.matcher(out);
            if (m.find()) {
                int major = Integer.parseInt(m.group(1));
                return Optional.of(major == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : major);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
