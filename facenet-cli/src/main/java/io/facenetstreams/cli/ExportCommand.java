package io.facenetstreams.cli;

import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.export.ModelExporter;
import io.facenetstreams.core.inference.ImageEmbedder;
import io.facenetstreams.core.inference.ImageFile;
import io.facenetstreams.core.inference.ImageFiles;
import io.facenetstreams.core.inference.SampleInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./facenet export}: a trained model as safetensors plus a config for the PyTorch module in tools/pytorch. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a trained model for PyTorch: DIR/model.safetensors, DIR/config.json and DIR/README.md.",
            "",
            "Load it with tools/pytorch/facenet_streams.py (facenet_streams.load(DIR)); see docs/using-the-model.md.",
            "With --sample-inputs N, also DIR/sample_inputs.npy (N preprocessed inputs) and DIR/sample_embeddings.npy"
                    + " (their embeddings here), which tools/pytorch/check_export.py compares with PyTorch's."
        })
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    TrainedModelOptions model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write (created if needed).")
    Path out;

    @Option(names = "--sample-inputs", paramLabel = "N", defaultValue = "0",
            description = "Also write N preprocessed sample inputs and their embeddings (default: ${DEFAULT-VALUE}).")
    int sampleInputs;

    @Option(names = "--sample-images", paramLabel = "DIR_OR_FILE", split = ",", arity = "1..*",
            description = "Take the samples from these images (the first N); default: seeded random inputs.")
    List<Path> sampleImages;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (sampleInputs < 0) {
            throw new IllegalArgumentException("--sample-inputs must be >= 0, got " + sampleInputs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path checkpoint = model.checkpoint();
        CheckpointInfo info = CheckpointStore.readInfo(checkpoint);
        try (ImageEmbedder embedder = model.open(Math.max(1, sampleInputs))) {
            float[][] samples = null;
            if (sampleInputs > 0 && sampleImages != null) {
                List<ImageFile> files = ImageFiles.resolve(sampleImages);
                samples = embedder.preprocess(files.subList(0, Math.min(sampleInputs, files.size())));
            } else if (sampleInputs > 0) {
                samples = SampleInputs.random(sampleInputs, embedder.model().imageSize(), info.version());
            }
            ModelExporter.Result result = ModelExporter.export(embedder.model(), embedder.standardisation(), info, this.out,
                    samples);
            out.printf(Locale.ROOT, "Exported %s (%s, %d-d, %d px, standardisation %s: %s) to %s%n", checkpoint,
                    info.architecture().cliName(), info.embeddingSize(), info.imageSize(),
                    embedder.standardisation().cliName(), embedder.standardisationSource(), result.directory());
            out.printf(Locale.ROOT, "  %s: %d tensors, %d values, %.1f MB%n", ModelExporter.WEIGHTS_FILE, result.tensors(),
                    result.values(), result.weightBytes() / 1e6);
            if (result.samples() > 0) {
                out.printf(Locale.ROOT, "  %s, %s: %d samples%n", ModelExporter.SAMPLE_INPUTS_FILE,
                        ModelExporter.SAMPLE_EMBEDDINGS_FILE, result.samples());
            }
            out.printf(Locale.ROOT, "Check it with PyTorch: python3 tools/pytorch/check_export.py %s%n", result.directory());
            out.flush();
            return 0;
        }
    }
}
