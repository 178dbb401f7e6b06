package io.facenetstreams.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.facenetstreams.core.mining.EmbeddingsCsv;
import io.facenetstreams.core.mining.LabeledEmbeddings;
import io.facenetstreams.core.mining.MiningBenchmark;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facenet select-triplets}: the reference's triplet selection (or another strategy) on embeddings from a CSV file. */
@Command(
        name = "select-triplets",
        mixinStandardHelpOptions = true,
        description = {
            "Select triplets from a CSV of embeddings; JSON out.",
            "",
            "Selects training triplets from a people-batch's embeddings, as the reference's select_triplets does.",
            "The CSV has one row per image, 'class_label,v1,...,vD', classes contiguous in batch order; a header "
                    + "line is optional.",
            "Prints a one-line summary; --json-out writes pairs_considered, triplets [a,p,n] (row indices), "
                    + "candidates_per_pair [a,p,count] and selection_micros (median of the timed runs, parsing excluded)."
        })
final class SelectTripletsCommand implements Callable<Integer> {

    @Option(names = "--embeddings", required = true, paramLabel = "FILE.csv", description = "Embeddings CSV file.")
    Path embeddings;

    @Option(names = "--alpha", defaultValue = "0.2", paramLabel = "A", description = "Triplet-loss margin (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--strategy", defaultValue = "vggface", paramLabel = "S",
            description = "vggface (the reference's rule), semihard, hard, all, batch-hard (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the random picks and the shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R", description = "Timed selections; selection_micros is their median (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "W",
            description = "Untimed selections first, to warm up the JIT (default: 20, or 1 above 5000 rows; the JIT "
                    + "needs about 15 selections of a default batch to settle).")
    Integer warmup;

    @Option(names = "--threads", paramLabel = "T", description = "Threads for the selection (default: all processors).")
    Integer threads;

    @Option(names = "--json-out", paramLabel = "OUT.json", description = "Where to write the selection as JSON.")
    Path jsonOut;

    @Override
    public Integer call() throws IOException {
        if (repeat < 1 || (warmup != null && warmup < 0)) {
            throw new IllegalArgumentException("--repeat must be >= 1 and --warmup >= 0");
        }
        MiningStrategy mining = MiningStrategy.fromName(strategy);
        SelectionOptions options = new SelectionOptions(mining, alpha, seed, true);
        LabeledEmbeddings batch = EmbeddingsCsv.read(embeddings);
        TripletSelector selector = threads == null ? new TripletSelector() : new TripletSelector(threads);
        int warmups = warmup != null ? warmup : batch.rows() > 5000 ? 1 : 20;
        MiningBenchmark.TimedSelection timed = MiningBenchmark.timeSelections(selector, batch, options, warmups, repeat);
        TripletSelection selection = timed.last();
        long micros = Math.round(timed.timing().medianNanos() / 1000.0);
        if (jsonOut != null) {
            writeJson(jsonOut, batch, selection, micros, warmups);
        }
        System.out.printf(Locale.ROOT, "select-triplets: %d rows x %d, %d classes, %s alpha %s: %d pairs considered, %d triplets, "
                        + "selection %.3f ms (median of %d)%s%n",
                selection.rows(), selection.dim(), batch.imagesPerClass().length, mining.cliName(), alpha,
                selection.pairsConsidered(), selection.tripletCount(), micros / 1000.0, repeat,
                jsonOut == null ? "" : " -> " + jsonOut);
        if (!selection.note().isEmpty()) {
            System.out.println("select-triplets: note: " + selection.note());
        }
        return 0;
    }

    private void writeJson(Path out, LabeledEmbeddings batch, TripletSelection s, long micros, int warmups)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (JsonGenerator json = new JsonFactory().createGenerator(out.toFile(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("embeddings", embeddings.toString());
            json.writeStringField("strategy", s.strategy().cliName());
            json.writeNumberField("alpha", s.alpha());
            json.writeNumberField("seed", seed);
            json.writeNumberField("rows", s.rows());
            json.writeNumberField("dim", s.dim());
            json.writeNumberField("classes", batch.imagesPerClass().length);
            json.writeNumberField("pairs_considered", s.pairsConsidered());
            json.writeNumberField("triplet_count", s.tripletCount());
            json.writeNumberField("selection_micros", micros);
            json.writeNumberField("repeat", repeat);
            json.writeNumberField("warmup", warmups);
            json.writeStringField("note", s.note());
            writeTriples(json, "triplets", s.triplets());
            writeTriples(json, "candidates_per_pair", s.candidatesPerPair());
            json.writeEndObject();
        }
    }

    private static void writeTriples(JsonGenerator json, String name, int[] flat) throws IOException {
        json.writeArrayFieldStart(name);
        for (int i = 0; i + 2 < flat.length; i += 3) {
            json.writeStartArray();
            json.writeNumber(flat[i]);
            json.writeNumber(flat[i + 1]);
            json.writeNumber(flat[i + 2]);
            json.writeEndArray();
        }
        json.writeEndArray();
    }
}
