package io.facenetstreams.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a Quarkus application from its fast-jar directory ({@code quarkus-app/}) as a child process under
 * {@link ParentWatchdog}, so it exits when the starting process closes its pipe or dies. Used for the
 * schema registry (Apicurio is a Quarkus app) and for the pipeline's five services.
 */
public final class QuarkusApp {

    /** Quarkus's launcher class inside {@code quarkus-run.jar}. */
    static final String ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private QuarkusApp() {
    }

    /**
     * @param java        the java executable
     * @param appDir      the directory holding {@code quarkus-run.jar}
     * @param jvmOptions  heap and other JVM flags
     * @param properties  system properties ({@code -Dkey=value}), i.e. the app's configuration
     */
    public static ManagedProcess start(String name, Path java, Path appDir, List<String> jvmOptions,
                                       Map<String, String> properties, Map<String, String> env, Path logFile,
                                       Path workingDir) throws IOException {
        Path runJar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException(name + " is not built: " + runJar + " is missing (run 'mvn -B package -DskipTests')");
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        // What quarkus-run.jar's manifest asks for; a manifest only applies with -jar, and we use -cp.
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(ChildClasspath.watchdogLocation() + File.pathSeparator + runJar);
        command.add(ParentWatchdog.class.getName());
        command.add(ENTRY_POINT);
        Files.createDirectories(workingDir);
        return ManagedProcess.start(name, command, logFile, env, workingDir);
    }
}
