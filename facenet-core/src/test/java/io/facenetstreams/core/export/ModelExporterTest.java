package io.facenetstreams.core.export;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.image.Standardisation;
import io.facenetstreams.core.inference.SampleInputs;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the export back by the safetensors and NPY specifications, not with the writers' own code. */
class ModelExporterTest {

    @TempDir
    Path dir;

    @Test
    void safetensorsHoldEveryParameterUnderItsDjlNameContiguouslyInHeaderOrder() throws IOException {
        // keep probability < 1 puts a Dropout in the head, which shifts DJL's names there: covered too.
        try (EmbeddingModel model = EmbeddingModel.untrained(
                new NetworkSpec(NetworkArchitecture.SMALL_CNN, 16, 32, 0.8f), 7, Device.cpu())) {
            model.embed(SampleInputs.random(4, 32, 1), BatchNormMode.TRAINING); // moving statistics away from 0 and 1
            ModelExporter.Result result = ModelExporter.export(model, Standardisation.FIXED, null, dir, null);

            byte[] file = Files.readAllBytes(dir.resolve(ModelExporter.WEIGHTS_FILE));
            long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(headerLength % 8).as("data aligned to 8 bytes").isZero();
            JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;

            assertThat(header.get("__metadata__").get("architecture").asText()).isEqualTo("small-cnn");
            assertThat(header.get("__metadata__").get("standardisation").asText()).isEqualTo("fixed");
            List<String> names = new ArrayList<>();
            header.fieldNames().forEachRemaining(names::add);
            names.remove("__metadata__");

            List<Pair<String, Parameter>> parameters = model.block().getParameters().stream().toList();
            assertThat(names).containsExactlyElementsOf(parameters.stream().map(Pair::getKey).toList());
            assertThat(names).contains("01SequentialBlock_01Conv2d_weight", "01SequentialBlock_02BatchNorm_gamma",
                    "01SequentialBlock_02BatchNorm_runningMean", "01SequentialBlock_02BatchNorm_runningVar",
                    "10SequentialBlock_02Linear_weight", "10SequentialBlock_03BatchNorm_runningVar");

            long expectedBegin = 0;
            Iterator<Pair<String, Parameter>> it = parameters.iterator();
            for (String name : names) {
                Parameter p = it.next().getValue();
                JsonNode entry = header.get(name);
                assertThat(entry.get("dtype").asText()).isEqualTo("F32");
                long[] shape = new long[entry.get("shape").size()];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = entry.get("shape").get(k).asLong();
                }
                assertThat(shape).as(name).isEqualTo(p.getArray().getShape().getShape());
                long begin = entry.get("data_offsets").get(0).asLong();
                long end = entry.get("data_offsets").get(1).asLong();
                assertThat(begin).as(name + " starts where the previous tensor ends").isEqualTo(expectedBegin);
                float[] expected = p.getArray().toFloatArray();
                assertThat(end - begin).isEqualTo(4L * expected.length);
                float[] stored = new float[expected.length];
                ByteBuffer.wrap(file, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(stored);
                assertThat(stored).as(name).containsExactly(expected);
                expectedBegin = end;
            }
            assertThat((long) file.length).as("nothing after the last tensor").isEqualTo(dataStart + expectedBegin);
            assertThat(result.tensors()).isEqualTo(names.size());

            JsonNode config = new ObjectMapper().readTree(dir.resolve(ModelExporter.CONFIG_FILE).toFile());
            assertThat(config.get("architecture").asText()).isEqualTo("small-cnn");
            assertThat(config.get("image_size").asInt()).isEqualTo(32);
            assertThat(config.get("input").get("standardisation").asText()).isEqualTo("fixed");
            assertThat(config.get("tensors").size()).isEqualTo(names.size());
            assertThat(config.get("tensors").get(0).get("name").asText()).isEqualTo(names.get(0));
            assertThat(dir.resolve(ModelExporter.README_FILE)).exists();
        }
    }

    @Test
    void samplesAreTheInputsAndTheirInferenceEmbeddings() throws IOException {
        try (EmbeddingModel model = EmbeddingModel.untrained(
                new NetworkSpec(NetworkArchitecture.SMALL_CNN, 8, 32, 1f), 3, Device.cpu())) {
            float[][] inputs = SampleInputs.random(3, 32, 5);
            ModelExporter.export(model, Standardisation.PER_IMAGE, null, dir, inputs);
            float[] stored = npyValues(dir.resolve(ModelExporter.SAMPLE_INPUTS_FILE), "(3, 3, 32, 32)");
            assertThat(stored).hasSize(3 * 3 * 32 * 32);
            assertThat(java.util.Arrays.copyOfRange(stored, 3 * 32 * 32, 2 * 3 * 32 * 32)).containsExactly(inputs[1]);
            float[] embeddings = npyValues(dir.resolve(ModelExporter.SAMPLE_EMBEDDINGS_FILE), "(3, 8)");
            float[][] expected = model.embed(inputs, BatchNormMode.INFERENCE);
            assertThat(java.util.Arrays.copyOfRange(embeddings, 16, 24)).containsExactly(expected[2]);
        }
    }

    @Test
    void npyHeaderFollowsVersionOnePointZero() throws IOException {
        Path file = dir.resolve("a.npy");
        NpyWriter.write(file, new float[][] {{1f, 2f}, {3f, -4.5f}, {0f, 1e-10f}});
        byte[] bytes = Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        assertThat((10 + headerLength) % 64).isZero();
        String dict = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(dict).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }").endsWith("\n");
        assertThat(bytes.length).isEqualTo(10 + headerLength + 6 * 4);
        assertThat(npyValues(file, "(3, 2)")).containsExactly(1f, 2f, 3f, -4.5f, 0f, 1e-10f);
        assertThat(new String(NpyWriter.header(5), StandardCharsets.US_ASCII)).contains("'shape': (5,), }");
    }

    /** The values of an NPY file whose header names {@code shape}. */
    private static float[] npyValues(Path file, String shape) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        assertThat(new String(bytes, 10, headerLength, StandardCharsets.US_ASCII)).contains("'shape': " + shape);
        int start = 10 + headerLength;
        float[] values = new float[(bytes.length - start) / 4];
        ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
