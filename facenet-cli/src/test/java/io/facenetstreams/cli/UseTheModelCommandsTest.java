package io.facenetstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.checkpoint.CheckpointInfo;
import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.eval.EvaluationOptions;
import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.eval.LfwEvaluator;
import io.facenetstreams.core.inference.DistanceMatrix;
import io.facenetstreams.core.inference.ImageEmbeddingsCsv;
import io.facenetstreams.core.inference.LfwPairEmbeddings;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GeneratorOptions;
import io.facenetstreams.core.synth.ProgressListener;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * embed, compare and evaluate agree: the LFW evaluation of embed's CSV equals evaluate --checkpoint's, and
 * compare's distances are those of embed's rows.
 */
class UseTheModelCommandsTest {

    @TempDir
    static Path dir;

    static Path lfw;
    static Path pairs;
    static Path checkpoint;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainedCheckpointAndLfwFolder() throws IOException {
        new FaceDatasetGenerator(new GeneratorOptions(1, 5, 8, 2, 6, 32, 3, 0.5, 2)).generate(dir, ProgressListener.NONE);
        lfw = dir.resolve("lfw");
        pairs = dir.resolve("pairs.txt");
        TrainingOptions options = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16);
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            CheckpointInfo info = new CheckpointStore(dir.resolve("state").resolve("checkpoints"))
                    .save(trainer, 0, Map.of(CheckpointInfo.STANDARDISATION_KEY, "per-image"));
            checkpoint = info.path();
        }
    }

    private int run(String... args) {
        CommandLine cli = FacenetCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void embedsCsvEvaluateToExactlyTheAccuracyOfEvaluateCheckpoint() throws IOException {
        Path csv = dir.resolve("lfw-embeddings.csv");
        assertThat(run("embed", "--checkpoint", checkpoint.toString(), "--images", lfw.toString(), "--out", csv.toString()))
                .as(err.toString()).isZero();
        Map<String, float[]> rows = ImageEmbeddingsCsv.read(csv);
        assertThat(rows.keySet()).first().asString().doesNotStartWith("/").contains("/");
        assertThat(List.copyOf(rows.keySet())).isSorted();
        LfwEvaluation fromCsv = new LfwEvaluator().evaluate(LfwPairEmbeddings.of(lfw, pairs, rows),
                new EvaluationOptions(2, io.facenetstreams.core.eval.DistanceMetric.SQUARED_EUCLIDEAN, false));

        out.getBuffer().setLength(0);
        assertThat(run("evaluate", "--checkpoint", checkpoint.toString(), "--lfw-dir", lfw.toString(), "--pairs",
                pairs.toString(), "--folds", "2", "--json")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        JsonNode evaluated = new ObjectMapper().readTree(lines.get(lines.size() - 1));

        assertThat(fromCsv.accuracyMean()).isEqualTo(evaluated.get("accuracy_mean").asDouble());
        assertThat(fromCsv.valMean()).isEqualTo(evaluated.get("val_mean").asDouble());
        assertThat(fromCsv.auc()).isEqualTo(evaluated.get("auc").asDouble());
    }

    @Test
    void compareDistancesAreThoseOfEmbedsRowsAndBrokenImagesAreSkippedWithTheReason() throws IOException {
        List<Path> images;
        try (var walk = Files.walk(lfw)) {
            images = walk.filter(p -> p.toString().endsWith(".png")).sorted().limit(3).toList();
        }
        Path broken = Files.writeString(lfw.resolveSibling("broken.png"), "not an image");
        Path csv = dir.resolve("three.csv");
        assertThat(run("embed", "--model-version", "--state-dir", dir.resolve("state").toString(), "--images",
                images.get(0) + "," + broken + "," + images.get(1) + "," + images.get(2), "--out", csv.toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("Skipped " + broken + ": ");
        Map<String, float[]> rows = ImageEmbeddingsCsv.read(csv);
        assertThat(rows.keySet()).containsExactly(images.get(0).toString(), images.get(1).toString(), images.get(2).toString());

        out.getBuffer().setLength(0);
        assertThat(run("compare", "--checkpoint", checkpoint.toString(), "--json", images.get(0).toString(),
                images.get(1).toString(), images.get(2).toString())).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        float[][] embedded = rows.values().toArray(float[][]::new);
        for (int i = 0; i < 3; i++) {
            assertThat(json.get("images").get(i).asText()).isEqualTo(images.get(i).toString());
            for (int j = 0; j < 3; j++) {
                assertThat(json.get("distance_matrix").get(i).get(j).asDouble())
                        .isEqualTo(DistanceMatrix.euclidean(embedded[i], embedded[j]));
            }
        }

        out.getBuffer().setLength(0);
        assertThat(run("compare", "--checkpoint", checkpoint.toString(), images.get(0).toString(), images.get(1).toString()))
                .isZero();
        assertThat(out.toString().lines().toList()).startsWith("Images:", "0: " + images.get(0), "1: " + images.get(1), "",
                "Distance matrix", "        0         1     ");
    }

    @Test
    void aMissingCheckpointOrVersionIsOneLineNamingIt() {
        assertThat(run("embed", "--checkpoint", dir.resolve("nope.ckpt").toString(), "--images", lfw.toString(), "--out",
                dir.resolve("x.csv").toString())).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(err.toString().strip()).isEqualTo("facenet embed: " + dir.resolve("nope.ckpt") + ": checkpoint not found");

        err.getBuffer().setLength(0);
        assertThat(run("export", "--model-version", "99", "--state-dir", dir.resolve("state").toString(), "--out",
                dir.resolve("export").toString())).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(err.toString().strip()).startsWith("facenet export: ").contains("no checkpoint of version 99")
                .contains("versions present: [0]").doesNotContain("\n");
    }
}
