package io.facenetstreams.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the evaluator with facenet's own {@code lfw.evaluate} and {@code validate_on_lfw.py} run on the same
 * embeddings (see {@code src/test/resources/lfw-golden/README.md} for how the expected values were produced).
 * The contract is 1e-6; every value, including std, AUC, EER and the interpolated VAL thresholds, is in fact
 * bit-identical, and is asserted so: a change of summation order or interpolation formula shows up here.
 */
class LfwGoldenTest {

    private static JsonNode expected;
    private static final Map<String, PairEmbeddings> CSVS = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LfwGoldenTest.class.getResourceAsStream("/lfw-golden/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    static Stream<Integer> cases() throws IOException {
        load();
        return Stream.iterate(0, i -> i + 1).limit(expected.get("cases").size());
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void matchesFacenet(int index) throws Exception {
        JsonNode c = expected.get("cases").get(index);
        PairEmbeddings pairs = csv(c.get("csv").asText());
        EvaluationOptions options = new EvaluationOptions(c.get("folds").asInt(),
                DistanceMetric.fromCode(c.get("distance_metric").asInt()), c.get("subtract_mean").asBoolean());

        LfwEvaluation result = new LfwEvaluator().evaluate(pairs, options);

        String name = c.get("csv").asText() + " " + options;
        assertThat(result.pairs()).as(name).isEqualTo(c.get("pairs").asInt());
        assertThat(result.foldAccuracies()).as(name + " fold accuracies").containsExactly(doubles(c.get("fold_accuracies")));
        assertThat(result.foldThresholds()).as(name + " fold thresholds").containsExactly(doubles(c.get("fold_thresholds")));
        assertThat(result.accuracyMean()).as(name + " accuracy").isEqualTo(c.get("accuracy_mean").asDouble());
        assertThat(result.valMean()).as(name + " VAL").isEqualTo(c.get("val_mean").asDouble());
        assertThat(result.farMean()).as(name + " FAR").isEqualTo(c.get("far_mean").asDouble());
        assertThat(result.accuracyStd()).as(name + " accuracy std").isEqualTo(c.get("accuracy_std").asDouble());
        assertThat(result.valStd()).as(name + " VAL std").isEqualTo(c.get("val_std").asDouble());
        assertThat(result.threshold()).as(name + " threshold").isEqualTo(c.get("threshold").asDouble());
        assertThat(result.auc()).as(name + " AUC").isEqualTo(c.get("auc").asDouble());
        assertThat(result.eer()).as(name + " EER").isEqualTo(c.get("eer").asDouble());
        double[] valThresholds = doubles(c.get("val_thresholds"));
        for (int f = 0; f < valThresholds.length; f++) {
            assertThat(result.foldValThresholds()[f]).as(name + " VAL threshold of fold " + f)
                    .isEqualTo(valThresholds[f]);
        }
        assertThat(result.tpr()).as(name + " mean TPR").containsExactly(doubles(c.get("tpr")));
        assertThat(result.fpr()).as(name + " mean FPR").containsExactly(doubles(c.get("fpr")));
    }

    @Test
    void squaredEuclideanDistancesAreBitIdenticalToNumpy() throws Exception {
        JsonNode d = expected.get("distances");
        PairEmbeddings lfw = csv("pairs-600x128.csv");
        assertThat(PairDistances.compute(lfw.embeddings1(), lfw.embeddings2(), DistanceMetric.SQUARED_EUCLIDEAN, null))
                .containsExactly(doubles(d.get("metric0_600x128")));
        // 300 values: numpy's pairwise summation splits them into blocks of 144 and 156 elements.
        double[][] a = matrix(d.get("inputs_300d").get("embeddings1"));
        double[][] b = matrix(d.get("inputs_300d").get("embeddings2"));
        assertThat(PairDistances.compute(a, b, DistanceMetric.SQUARED_EUCLIDEAN, null))
                .containsExactly(doubles(d.get("metric0_300d")));
    }

    @Test
    void angularDistancesMatchNumpyWithinAFewUlps() throws Exception {
        // numpy's arccos is vectorised per CPU (1-ulp differences from libm); the cosine itself must match.
        JsonNode d = expected.get("distances");
        PairEmbeddings lfw = csv("pairs-600x128.csv");
        assertClose(PairDistances.compute(lfw.embeddings1(), lfw.embeddings2(), DistanceMetric.ANGULAR, null),
                doubles(d.get("metric1_600x128")));
        double[][] a = matrix(d.get("inputs_300d").get("embeddings1"));
        double[][] b = matrix(d.get("inputs_300d").get("embeddings2"));
        assertClose(PairDistances.compute(a, b, DistanceMetric.ANGULAR, null), doubles(d.get("metric1_300d")));
    }

    private static void assertClose(double[] actual, double[] expectedValues) {
        assertThat(actual).hasSameSizeAs(expectedValues);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("pair " + i).isCloseTo(expectedValues[i], within(4 * Math.ulp(expectedValues[i])));
        }
    }

    private static PairEmbeddings csv(String name) throws IOException, URISyntaxException {
        synchronized (CSVS) {
            PairEmbeddings cached = CSVS.get(name);
            if (cached == null) {
                cached = PairEmbeddingsCsv.read(Path.of(LfwGoldenTest.class.getResource("/lfw-golden/" + name).toURI()));
                CSVS.put(name, cached);
            }
            return cached;
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double[][] matrix(JsonNode rows) {
        List<double[]> list = new ArrayList<>();
        rows.forEach(r -> list.add(doubles(r)));
        return list.toArray(double[][]::new);
    }
}
