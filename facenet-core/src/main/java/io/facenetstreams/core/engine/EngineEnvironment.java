package io.facenetstreams.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables every process that runs a network is started with. The launcher ({@code ./facenet}),
 * the local stack's service processes, the Maven test runs and the Dockerfiles all set these, and a test holds
 * them to this one definition. Environment variables, not system properties: libtorch reads them natively when
 * it loads, before any Java code could change them.
 */
public final class EngineEnvironment {

    /** oneDNN's cap on the instruction set its JIT kernels may use. */
    public static final String MAX_CPU_ISA = "DNNL_MAX_CPU_ISA";
    /**
     * libtorch's oneDNN AVX-512 f32 convolutions gave NaN embeddings on an AMD EPYC (intermittently, depending on
     * what ran before in the process); capped at AVX2 they are finite on every x86-64 CPU.
     * {@code DNNL_MAX_CPU_ISA=ALL} lifts the cap.
     */
    public static final String MAX_CPU_ISA_DEFAULT = "AVX2";
    /** DJL must never probe the network: engines load from the bundled native jars. */
    public static final String DJL_OFFLINE = "DJL_OFFLINE";
    /** PyTorch's OpenMP threads must wait passively: spinning slows every process sharing a small machine. */
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    private static final Map<String, String> DEFAULTS = defaultsInOrder();

    private EngineEnvironment() {}

    private static Map<String, String> defaultsInOrder() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(DJL_OFFLINE, "true");
        d.put(OMP_WAIT_POLICY, "PASSIVE");
        d.put(MAX_CPU_ISA, MAX_CPU_ISA_DEFAULT);
        return Collections.unmodifiableMap(d);
    }

    /** Every variable and the value a network process gets unless its user set it. */
    public static Map<String, String> defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with the user's own values where the user set them (a value set in {@code userEnvironment}
     * wins; nothing else from it is copied). For a child process: {@code merged(System.getenv())}.
     */
    public static Map<String, String> merged(Map<String, String> userEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        DEFAULTS.forEach((name, value) -> {
            String user = userEnvironment.get(name);
            env.put(name, user == null || user.isEmpty() ? value : user);
        });
        return Collections.unmodifiableMap(env);
    }

    /**
     * One line that says what computes: {@code engine: PyTorch 2.7.1 on cpu; oneDNN ISA capped at AVX2
     * (DNNL_MAX_CPU_ISA); CPU: <model>, AVX-512: yes}.
     *
     * @param engine the engine and device, e.g. {@code PyTorch 2.7.1 on cpu}
     */
    public static String description(String engine) {
        return description(engine, System.getenv(MAX_CPU_ISA), CpuInfo.read());
    }

    static String description(String engine, String maxCpuIsa, CpuInfo cpu) {
        String isa = maxCpuIsa == null || maxCpuIsa.isEmpty()
                ? "oneDNN ISA not capped (" + MAX_CPU_ISA + " unset)"
                : "ALL".equalsIgnoreCase(maxCpuIsa)
                        ? "oneDNN ISA not capped (" + MAX_CPU_ISA + "=" + maxCpuIsa + ")"
                        : "oneDNN ISA capped at " + maxCpuIsa + " (" + MAX_CPU_ISA + ")";
        return "engine: " + engine + "; " + isa + "; CPU: " + cpu.model() + ", AVX-512: " + cpu.avx512();
    }

    /** What {@code /proc/cpuinfo} says of the first CPU; "unknown" where it does not exist or says nothing. */
    record CpuInfo(String model, String avx512) {

        static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

        static CpuInfo read() {
            return read(PROC_CPUINFO);
        }

        static CpuInfo read(Path cpuinfo) {
            try {
                return parse(Files.readAllLines(cpuinfo));
            } catch (IOException | RuntimeException e) {
                // Not Linux, or not readable: the description says so rather than failing the start.
                return new CpuInfo(System.getProperty("os.arch", "unknown") + " (no " + cpuinfo + ")", "unknown");
            }
        }

        static CpuInfo parse(List<String> lines) {
            Optional<String> model = field(lines, "model name");
            Optional<String> flags = field(lines, "flags");
            String avx512 = flags.map(f -> List.of(f.toLowerCase(Locale.ROOT).split("\\s+")).contains("avx512f")
                    ? "yes" : "no").orElse("unknown");
            return new CpuInfo(model.orElse("unknown"), avx512);
        }

        /** The first line {@code name : value}, trimmed. */
        private static Optional<String> field(List<String> lines, String name) {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    String value = line.substring(colon + 1).trim();
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
            return Optional.empty();
        }
    }
}
