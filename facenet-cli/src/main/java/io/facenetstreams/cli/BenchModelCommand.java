package io.facenetstreams.cli;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.NetworkBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./facenet bench-model}: forward images/s and training steps/s of the networks on this machine. */
@Command(name = "bench-model", mixinStandardHelpOptions = true,
        description = {"Time the networks: forward images/s and training steps/s.", "",
            "Measures forward throughput (inference mode) and triplet-loss training steps per second"
                + " of the networks on this machine (random inputs)."})
final class BenchModelCommand implements Callable<Integer> {

    @Option(names = "--architecture", description = "inception-resnet-v1 or small-cnn (default: both)")
    String architecture;

    @Option(names = "--batch", defaultValue = "90", description = "images per forward batch and per training step"
            + " (a multiple of 3; default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", description = "timed iterations of each measurement"
            + " (default: 30 for small-cnn, 3 for inception-resnet-v1)")
    Integer steps;

    @Option(names = "--warmup", description = "untimed iterations first (default: 3 for small-cnn, 1 for inception-resnet-v1)")
    Integer warmup;

    @Option(names = "--image-size", description = "input size in pixels (default: the network's, 64 or 160)")
    Integer imageSize;

    @Option(names = "--embedding-size", defaultValue = "128", description = "embedding size (default ${DEFAULT-VALUE})")
    int embeddingSize;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: PyTorch's, the number of cores)")
    Integer threads;

    @Override
    public Integer call() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            // Read once, when DJL starts the PyTorch engine (nothing has started it yet in this process).
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        List<NetworkArchitecture> architectures = architecture == null
                ? List.of(NetworkArchitecture.SMALL_CNN, NetworkArchitecture.INCEPTION_RESNET_V1)
                : List.of(NetworkArchitecture.fromName(architecture));
        // After --threads: the check starts the engine, which reads the thread count once.
        EngineCheck.verify("bench-model");
        System.out.printf(Locale.ROOT, "%-20s %5s %5s %11s %6s %14s %12s %12s %12s %s%n", "network", "size", "batch",
                "params", "iters", "forward img/s", "fwd ms/batch", "train step/s", "ms/step", "device (best ms fwd/step)");
        for (NetworkArchitecture a : architectures) {
            boolean big = a == NetworkArchitecture.INCEPTION_RESNET_V1;
            int iterations = steps != null ? steps : big ? 3 : 30;
            int warm = warmup != null ? warmup : big ? 1 : 3;
            int size = imageSize != null ? imageSize : a.defaultImageSize();
            NetworkBenchmark.Result r = NetworkBenchmark.run(a, size, embeddingSize, batch, warm, iterations, null);
            System.out.printf(Locale.ROOT, "%-20s %5d %5d %11d %6d %14.1f %12.1f %12.2f %12.1f %s (%.1f / %.1f)%n",
                    a.cliName(), r.imageSize(), r.batch(), r.trainableParameters(), iterations,
                    r.forwardImagesPerSecond(), r.forwardMeanMillis(), r.trainStepsPerSecond(), r.stepMeanMillis(),
                    r.device(), r.forwardBestMillis(), r.stepBestMillis());
        }
        return 0;
    }
}
