package io.facenetstreams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facenetstreams.core.eval.DistanceMetric;
import io.facenetstreams.core.eval.EvaluationOptions;
import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.eval.LfwEvaluator;
import io.facenetstreams.core.eval.PairEmbeddings;
import io.facenetstreams.core.eval.PairEmbeddingsCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./facenet evaluate}: LFW-protocol metrics (facenet's {@code validate_on_lfw.py}) of pair embeddings.
 * The embeddings come from one {@link Source}; today a pair-embeddings CSV. A mode that embeds LFW images with a
 * checkpoint belongs in {@link Source} as a second, exclusive option group, feeding {@link #pairEmbeddings()}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate face embeddings with the LFW protocol (accuracy, VAL@FAR, AUC, EER).",
            "",
            "Evaluates face embeddings with the LFW protocol, exactly as facenet's lfw.evaluate: accuracy over k"
                    + " folds, validation rate at FAR 1e-3, AUC and EER of the mean ROC.",
            "Pair-embeddings CSV: one row per pair, 'issame(0|1), emb1 values..., emb2 values...'; an optional"
                    + " header line. Pairs are cut into contiguous folds in file order, so keep the pairs.txt order"
                    + " (every fold needs same and different pairs)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    /** Where the embeddings come from: exactly one. */
    static final class Source {
        @Option(names = "--pair-embeddings", paramLabel = "FILE.csv", required = true,
                description = "CSV of pair embeddings: issame(0|1), emb1 values..., emb2 values...")
        Path pairEmbeddings;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "" + EvaluationOptions.DEFAULT_FOLDS,
            description = "Number of contiguous cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--distance-metric", paramLabel = "0|1", defaultValue = "0",
            description = "0: squared Euclidean distance, 1: arccos(cosine similarity)/pi (default: ${DEFAULT-VALUE}).")
    int distanceMetric;

    @Option(names = "--subtract-mean",
            description = "Subtract, per fold, the mean of the training folds' embeddings before measuring distances.")
    boolean subtractMean;

    @Option(names = "--json",
            description = "Also print the metrics as one JSON object on the last line of the output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Options first, so that a typo fails before a large file is read.
        EvaluationOptions options = new EvaluationOptions(folds, DistanceMetric.fromCode(distanceMetric), subtractMean);
        PairEmbeddings pairs = pairEmbeddings();
        LfwEvaluation result = new LfwEvaluator().evaluate(pairs, options);

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Pairs: %d (%d folds), distance metric %d (%s), subtract mean: %s%n", result.pairs(),
                options.folds(), options.metric().code(), options.metric().description(),
                options.subtractMean() ? "yes" : "no");
        result.summaryLines().forEach(out::println);
        if (json) {
            out.println(json(result));
        }
        out.flush();
        return 0;
    }

    private PairEmbeddings pairEmbeddings() throws IOException {
        return PairEmbeddingsCsv.read(source.pairEmbeddings);
    }

    /** One JSON object; metrics that are undefined (an EER the ROC cannot give) are {@code null}. */
    static String json(LfwEvaluation r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accuracy_mean", finiteOrNull(r.accuracyMean()));
        fields.put("accuracy_std", finiteOrNull(r.accuracyStd()));
        fields.put("val_mean", finiteOrNull(r.valMean()));
        fields.put("val_std", finiteOrNull(r.valStd()));
        fields.put("far_mean", finiteOrNull(r.farMean()));
        fields.put("auc", finiteOrNull(r.auc()));
        fields.put("eer", finiteOrNull(r.eer()));
        fields.put("threshold", finiteOrNull(r.threshold()));
        fields.put("pairs", r.pairs());
        fields.put("folds", r.options().folds());
        fields.put("distance_metric", r.options().metric().code());
        fields.put("subtract_mean", r.options().subtractMean());
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
