package io.facenetstreams.core.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a model for PyTorch users into a folder: {@value #WEIGHTS_FILE} (every DJL parameter under its DJL
 * name, in the block's order: convolution and linear weights, the batch norms' constant gamma, beta and
 * running mean and variance, the residual projections' biases), {@value #CONFIG_FILE} (the network, its
 * input and the tensor list, which {@code tools/pytorch/facenet_streams.py} builds the module from) and a
 * short {@value #README_FILE}. Optionally also preprocessed sample inputs and their embeddings as computed
 * here, so that the PyTorch module can be checked against this engine.
 */
public final class ModelExporter {

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CONFIG_FILE = "config.json";
    public static final String README_FILE = "README.md";
    public static final String SAMPLE_INPUTS_FILE = "sample_inputs.npy";
    public static final String SAMPLE_EMBEDDINGS_FILE = "sample_embeddings.npy";
    /** Bumped when the folder's layout or the config's meaning changes. */
    public static final int FORMAT_VERSION = 1;

    /** What was written. */
    public record Result(Path directory, int tensors, long values, long weightBytes, int samples) {}

    private ModelExporter() {}

    /**
     * @param standardisation how inputs must be scaled (what the model was trained with)
     * @param checkpoint      where the model came from, recorded in the config; null when not from a file
     * @param sampleInputs    preprocessed inputs (CHW) to embed and store with the export; null or empty for none
     */
    public static Result export(EmbeddingModel model, Standardisation standardisation, CheckpointInfo checkpoint,
            Path directory, float[][] sampleInputs) throws IOException {
        Files.createDirectories(directory);
        List<SafetensorsWriter.Tensor> tensors = tensors(model);
        NetworkSpec spec = model.spec();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("architecture", spec.architecture().cliName());
        metadata.put("embedding_size", Integer.toString(spec.embeddingSize()));
        metadata.put("image_size", Integer.toString(spec.imageSize()));
        metadata.put("standardisation", standardisation.cliName());
        Path weights = directory.resolve(WEIGHTS_FILE);
        SafetensorsWriter.write(weights, tensors, metadata);
        Files.writeString(directory.resolve(CONFIG_FILE), config(model, standardisation, checkpoint, tensors),
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(README_FILE), readme(spec, standardisation), StandardCharsets.UTF_8);
        int samples = 0;
        if (sampleInputs != null && sampleInputs.length > 0) {
            samples = sampleInputs.length;
            NpyWriter.write(directory.resolve(SAMPLE_INPUTS_FILE), model.flatten(sampleInputs, "sample input"),
                    samples, 3, spec.imageSize(), spec.imageSize());
            NpyWriter.write(directory.resolve(SAMPLE_EMBEDDINGS_FILE), model.embed(sampleInputs, BatchNormMode.INFERENCE));
        }
        long values = tensors.stream().mapToLong(t -> t.values().length).sum();
        return new Result(directory, tensors.size(), values, Files.size(weights), samples);
    }

    /** Every parameter of the model's block, in DJL's order and under DJL's names (e.g. {@code 01SequentialBlock_01Conv2d_weight}). */
    public static List<SafetensorsWriter.Tensor> tensors(EmbeddingModel model) {
        PairList<String, Parameter> parameters = model.block().getParameters();
        List<SafetensorsWriter.Tensor> tensors = new ArrayList<>(parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            NDArray array = p.getValue().getArray();
            tensors.add(new SafetensorsWriter.Tensor(p.getKey(), array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    private static String config(EmbeddingModel model, Standardisation standardisation, CheckpointInfo checkpoint,
            List<SafetensorsWriter.Tensor> tensors) throws IOException {
        NetworkSpec spec = model.spec();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", "facenet-streams-pytorch");
        config.put("format_version", FORMAT_VERSION);
        config.put("architecture", spec.architecture().cliName());
        config.put("embedding_size", spec.embeddingSize());
        config.put("image_size", spec.imageSize());
        // Dropout is the identity at inference, but its presence shifts DJL's names in the head.
        config.put("keep_probability", spec.keepProbability());
        if (spec.architecture() == NetworkArchitecture.SMALL_CNN) {
            config.put("small_cnn_stages", NetworkArchitecture.smallCnnStages());
        }
        config.put("batch_norm_epsilon", NetworkArchitecture.BATCH_NORM_EPSILON);
        config.put("l2_epsilon", NetworkArchitecture.L2_EPSILON);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("layout", "NCHW");
        input.put("channels", "RGB");
        input.put("dtype", "float32");
        input.put("size", spec.imageSize());
        input.put("crop", "central crop, or zero padding, to size x size (no resize)");
        input.put("standardisation", standardisation.cliName());
        input.put("standardisation_formula", formula(standardisation));
        config.put("input", input);
        if (checkpoint != null) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("file", checkpoint.path().getFileName().toString());
            source.put("version", checkpoint.version());
            source.put("epoch", checkpoint.epoch());
            source.put("sha256", checkpoint.sha256());
            config.put("checkpoint", source);
        }
        config.put("weights", WEIGHTS_FILE);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SafetensorsWriter.Tensor t : tensors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", t.name());
            entry.put("shape", t.shape());
            list.add(entry);
        }
        config.put("tensors", list);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(config) + "\n";
    }

    private static String formula(Standardisation s) {
        return switch (s) {
            case PER_IMAGE -> "(x - mean(x)) / max(std(x), 1/sqrt(3*size*size)), over the whole image, population std";
            case FIXED -> "(x - 127.5) / 128";
            case NONE -> "x (0..255)";
        };
    }

    private static String readme(NetworkSpec spec, Standardisation standardisation) {
        return String.format(Locale.ROOT, """
                # FaceNet Streams model export

                A %s network: %d x %d RGB faces in, %d-d L2-normalised embeddings out.

                - `%s`: the parameters, float32, under DJL's names (batch-norm running mean and variance included).
                - `%s`: the architecture, the input (layout, size, standardisation: %s) and the tensor list.
                - `%s`, `%s` (when present): preprocessed inputs (N, 3, %d, %d) and the embeddings
                  FaceNet Streams computed for them, to check another implementation against.

                Load it with the module shipped in the FaceNet Streams repository:

                ```python
                import sys; sys.path.insert(0, "tools/pytorch")
                import facenet_streams
                model = facenet_streams.load("%s")   # this folder; an nn.Module in eval mode
                embeddings = model(images)           # images: float32 (N, 3, %d, %d), preprocessed as config.json says
                ```

                `python3 tools/pytorch/check_export.py DIR` compares the module's output with the stored embeddings.
                """, spec.architecture().cliName(), spec.imageSize(), spec.imageSize(), spec.embeddingSize(), WEIGHTS_FILE,
                CONFIG_FILE, standardisation.cliName(), SAMPLE_INPUTS_FILE, SAMPLE_EMBEDDINGS_FILE, spec.imageSize(),
                spec.imageSize(), "path/to/this/folder", spec.imageSize(), spec.imageSize());
    }
}
