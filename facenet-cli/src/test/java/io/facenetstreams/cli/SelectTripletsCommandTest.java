package io.facenetstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.mining.EmbeddingsCsv;
import io.facenetstreams.core.mining.LabeledEmbeddings;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.ReferenceTripletSelection;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.SyntheticEmbeddings;
import io.facenetstreams.core.mining.TripletSelection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SelectTripletsCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSelectionAsJsonWithTheReferencesCounts() throws Exception {
        LabeledEmbeddings batch = SyntheticEmbeddings.clustered(new int[] {6, 1, 5, 7, 4}, 12, 1.1, 5);
        Path csv = dir.resolve("batch.csv");
        EmbeddingsCsv.write(csv, batch);
        Path json = dir.resolve("out/selection.json");
        String stdout = run(0, "select-triplets", "--embeddings", csv.toString(), "--alpha", "0.3", "--strategy", "semihard",
                "--seed", "8", "--repeat", "3", "--json-out", json.toString());
        assertThat(stdout).contains("23 rows x 12").contains("semihard").contains("pairs considered");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        TripletSelection port = ReferenceTripletSelection.select(batch.values(), 12, batch.imagesPerClass(),
                new SelectionOptions(MiningStrategy.SEMIHARD, 0.3, 8, true));
        assertThat(root.get("strategy").asText()).isEqualTo("semihard");
        assertThat(root.get("alpha").asDouble()).isEqualTo(0.3);
        assertThat(root.get("rows").asInt()).isEqualTo(23);
        assertThat(root.get("dim").asInt()).isEqualTo(12);
        assertThat(root.get("pairs_considered").asLong()).isEqualTo(port.pairsConsidered());
        assertThat(root.get("triplet_count").asInt()).isEqualTo(port.tripletCount());
        assertThat(root.get("triplets")).hasSize(port.tripletCount());
        assertThat(root.get("triplets").get(0)).hasSize(3);
        assertThat(root.get("selection_micros").asLong()).isGreaterThan(0);
        int[] counts = port.candidatesPerPair();
        JsonNode perPair = root.get("candidates_per_pair");
        assertThat(perPair).hasSize(counts.length / 3);
        for (int i = 0; i < perPair.size(); i++) {
            assertThat(new int[] {perPair.get(i).get(0).asInt(), perPair.get(i).get(1).asInt(), perPair.get(i).get(2).asInt()})
                    .containsExactly(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2]);
        }
    }

    @Test
    void badInputIsOneClearLineAndExitCode2() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,1,2\nb,1\n");
        String err = runErr(2, "select-triplets", "--embeddings", csv.toString());
        assertThat(err).startsWith("facenet select-triplets: ").contains("line 2").doesNotContain("Exception");
        assertThat(runErr(2, "select-triplets", "--embeddings", dir.resolve("none.csv").toString()))
                .contains("embeddings file not found");
        Files.writeString(csv, "a,1,2\nb,1,3\n");
        assertThat(runErr(2, "select-triplets", "--embeddings", csv.toString(), "--strategy", "nope"))
                .contains("valid: vggface, semihard, hard, all, batch-hard");
        assertThat(runErr(2, "select-triplets", "--embeddings", csv.toString(), "--alpha", "-1"))
                .contains("alpha must be");
    }

    @Test
    void aSingleClassSaysWhyThereAreNoTriplets() throws Exception {
        Path csv = dir.resolve("one.csv");
        Files.writeString(csv, "a,1,2\na,1,3\na,0,0\n");
        assertThat(run(0, "select-triplets", "--embeddings", csv.toString()))
                .contains("3 pairs considered, 0 triplets").contains("note: the batch holds a single class");
    }

    @Test
    void benchMiningPrintsATableWithEqualCounts() {
        String out = run(0, "bench-mining", "--shapes", "5x4x8,3x6x20", "--warmup", "1", "--repeat", "2",
                "--literal-repeat", "1", "--strategy", "hard");
        assertThat(out).contains("strategy hard").contains("5x4x8").contains("3x6x20").contains("equal")
                .doesNotContain("DIFFER");
    }

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(FacenetCli.commandLine().execute(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String runErr(int expectedExit, String... args) {
        CommandLine cli = FacenetCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(cli.execute(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(old);
        }
        return err.toString();
    }
}
