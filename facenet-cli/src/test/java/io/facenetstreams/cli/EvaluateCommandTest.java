package io.facenetstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FacenetCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /**
     * Four 1-d pairs [0] vs [x], distances x^2: same 0.0625, diff 1.0 | same 0.25, diff 2.25, in two folds.
     * Worked out by hand (see LfwEvaluatorTest.fourPairsTwoFoldsByHand): fold accuracies 1 and 0.5 at thresholds
     * 0.26 and 0.07, VAL 1 in both folds, FAR 1 and 0, AUC 1, EER 0.
     */
    private Path fourPairs() throws IOException {
        return Files.writeString(dir.resolve("pairs.csv"), "issame,a,b\n1,0,0.25\n0,0,1\n1,0,0.5\n0,0,1.5\n");
    }

    @Test
    void printsFacenetSummaryAndJsonOnTheLastLine() throws IOException {
        int exit = run("evaluate", "--pair-embeddings", fourPairs().toString(), "--folds", "2", "--json");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).contains(
                "Accuracy: 0.75000+-0.25000",
                "Validation rate: 1.00000+-0.00000 @ FAR=0.50000",
                "Area Under Curve (AUC): 1.000",
                "Equal Error Rate (EER): 0.000");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("accuracy_mean").asDouble()).isEqualTo(0.75);
        assertThat(json.get("accuracy_std").asDouble()).isEqualTo(0.25);
        assertThat(json.get("val_mean").asDouble()).isEqualTo(1.0);
        assertThat(json.get("val_std").asDouble()).isEqualTo(0.0);
        assertThat(json.get("far_mean").asDouble()).isEqualTo(0.5);
        assertThat(json.get("auc").asDouble()).isEqualTo(1.0);
        assertThat(json.get("eer").asDouble()).isEqualTo(0.0);
        assertThat(json.get("threshold").asDouble()).isCloseTo(0.165, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(json.get("pairs").asInt()).isEqualTo(4);
        assertThat(json.get("folds").asInt()).isEqualTo(2);
        assertThat(json.get("distance_metric").asInt()).isZero();
        assertThat(json.get("subtract_mean").asBoolean()).isFalse();
    }

    @Test
    void withoutJsonPrintsOnlyTheSummary() throws IOException {
        assertThat(run("evaluate", "--pair-embeddings", fourPairs().toString(), "--folds", "2")).isZero();
        assertThat(out.toString()).doesNotContain("{").contains("Accuracy: 0.75000+-0.25000");
    }

    @Test
    void undefinedEerIsJsonNull() throws IOException {
        // Different pairs at distance 9, beyond every threshold: the ROC never leaves FPR 0.
        Path csv = Files.writeString(dir.resolve("far.csv"), "1,0,0.5\n0,0,3\n1,0,0.5\n0,0,3\n");
        assertThat(run("evaluate", "--pair-embeddings", csv.toString(), "--folds=2", "--subtract-mean", "--json"))
                .isZero();
        List<String> lines = out.toString().lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("eer").isNull()).isTrue();
        assertThat(json.get("val_mean").asDouble()).isEqualTo(0.0);
        assertThat(json.get("subtract_mean").asBoolean()).isTrue();
        assertThat(out.toString()).contains("Equal Error Rate (EER): n/a");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThat(run("evaluate", "--pair-embeddings", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("facenet evaluate: pair-embeddings file not found: " + missing);

        err.getBuffer().setLength(0);
        assertThat(run("evaluate", "--pair-embeddings", fourPairs().toString(), "--distance-metric", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("facenet evaluate: distance metric must be 0");

        err.getBuffer().setLength(0);
        assertThat(run("evaluate", "--pair-embeddings", fourPairs().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("facenet evaluate: folds (10) must not exceed the number of pairs (4)");
    }

    @Test
    void pairEmbeddingsAreRequired() {
        assertThat(run("evaluate", "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("--pair-embeddings");
    }
}
