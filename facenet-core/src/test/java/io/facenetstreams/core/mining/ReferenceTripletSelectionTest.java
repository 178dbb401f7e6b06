package io.facenetstreams.core.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle itself, against hand computation and against numpy. */
class ReferenceTripletSelectionTest {

    /**
     * 1-d embeddings: class A = {0.0, 1.0}, class B = {1.1, 3.0}; alpha 0.25.
     * Pair (0,1): pos = 1; negatives from row 0: 1.21 (1.21 - 1 = 0.21 < 0.25: candidate), 9 (no) -> 1 candidate,
     * which is also semi-hard (1 < 1.21).
     * Pair (2,3): pos = 1.9^2 = 3.61; negatives from row 2: 1.21, 0.01, both below pos -> 2 vggface candidates,
     * 0 semi-hard ones.
     */
    @Test
    void handComputedBatch() {
        double[] e = {0.0, 1.0, 1.1, 3.0};
        int[] perClass = {2, 2};
        TripletSelection vgg = ReferenceTripletSelection.select(e, 1, perClass,
                new SelectionOptions(MiningStrategy.VGGFACE, 0.25, 1, true));
        assertThat(vgg.pairsConsidered()).isEqualTo(2);
        assertThat(vgg.candidatesPerPair()).containsExactly(0, 1, 1, 2, 3, 2);
        assertThat(vgg.tripletCount()).isEqualTo(2);
        TripletSelection semi = ReferenceTripletSelection.select(e, 1, perClass,
                new SelectionOptions(MiningStrategy.SEMIHARD, 0.25, 1, true));
        assertThat(semi.candidatesPerPair()).containsExactly(0, 1, 1, 2, 3, 0);
        assertThat(semi.triplets()).containsExactly(0, 1, 2);
        // hard: the hardest negative of (0,1) is row 2 (1.21 < 9); of (2,3) row 1 (0.01 < 1.21)
        TripletSelection hard = ReferenceTripletSelection.select(e, 1, perClass,
                new SelectionOptions(MiningStrategy.HARD, 0.25, 1, true));
        assertThat(triples(hard)).containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(2, 3, 1));
        // batch-hard: every row is an anchor; its only positive is the other image of its class. Hardest negatives:
        // row 0 -> 2 (1.21 < 9), row 1 -> 2 (0.01 < 4), row 2 -> 1 (0.01 < 1.21), row 3 -> 1 (4 < 9).
        TripletSelection bh = ReferenceTripletSelection.select(e, 1, perClass,
                new SelectionOptions(MiningStrategy.BATCH_HARD, 0.25, 1, true));
        assertThat(triples(bh)).containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(1, 0, 2), List.of(2, 3, 1),
                List.of(3, 2, 1));
        assertThat(bh.pairsConsidered()).isEqualTo(4);
    }

    /** Per-pair counts against numpy running the reference's own expressions (script in the report, not in the repo). */
    @Test
    void candidateCountsMatchNumpy() throws IOException {
        LabeledEmbeddings batch;
        try (BufferedReader in = resource("small-batch.csv")) {
            batch = EmbeddingsCsv.parse(in, "small-batch.csv");
        }
        List<int[]> expected = new ArrayList<>();
        try (BufferedReader in = resource("small-batch-counts.csv")) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("#")) {
                    expected.add(java.util.Arrays.stream(line.split(",")).mapToInt(Integer::parseInt).toArray());
                }
            }
        }
        assertThat(batch.imagesPerClass()).containsExactly(5, 1, 4, 6, 3, 2, 5);
        int[] vgg = ReferenceTripletSelection.select(batch.values(), batch.dim(), batch.imagesPerClass(),
                new SelectionOptions(MiningStrategy.VGGFACE, 0.2, 3, true)).candidatesPerPair();
        int[] semi = ReferenceTripletSelection.select(batch.values(), batch.dim(), batch.imagesPerClass(),
                new SelectionOptions(MiningStrategy.SEMIHARD, 0.2, 3, true)).candidatesPerPair();
        assertThat(vgg.length / 3).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            int[] row = expected.get(i);
            assertThat(new int[] {vgg[3 * i], vgg[3 * i + 1], vgg[3 * i + 2], semi[3 * i + 2]})
                    .as("pair %d", i).containsExactly(row);
        }
    }

    static List<List<Integer>> triples(TripletSelection s) {
        List<List<Integer>> out = new ArrayList<>();
        for (int t = 0; t < s.tripletCount(); t++) {
            out.add(List.of(s.anchor(t), s.positive(t), s.negative(t)));
        }
        return out;
    }

    private static BufferedReader resource(String name) {
        return new BufferedReader(new InputStreamReader(
                ReferenceTripletSelectionTest.class.getResourceAsStream("/mining/" + name), StandardCharsets.UTF_8));
    }
}
