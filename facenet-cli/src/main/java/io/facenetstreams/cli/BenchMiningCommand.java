package io.facenetstreams.cli;

import io.facenetstreams.core.mining.MiningBenchmark;
import io.facenetstreams.core.mining.MiningBenchmark.Plan;
import io.facenetstreams.core.mining.MiningBenchmark.Result;
import io.facenetstreams.core.mining.MiningBenchmark.Shape;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.TripletSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facenet bench-mining}: the fast triplet selector against the literal port of the reference's, same run. */
@Command(
        name = "bench-mining",
        mixinStandardHelpOptions = true,
        description = {
            "Time triplet selection against the literal port of select_triplets.",
            "",
            "Times triplet selection: the fast selector against the literal port of the reference's select_triplets.",
            "Synthetic clustered people-batches; the fast selector's median and min over the timed runs (after "
                    + "warm-up), the port's median, and a check that both give the same candidate count for every pair.",
            "Batches above --literal-max-rows rows count as large: the fast selector runs at most 2 warm-up and 5 "
                    + "timed times on them, and the literal port (minutes there) --literal-large-repeat times "
                    + "(default once; 0 skips it) instead of --literal-repeat times."
        })
final class BenchMiningCommand implements Callable<Integer> {

    @Option(names = "--shapes", split = ",", paramLabel = "PxIxD", defaultValue = "45x40x128,45x40x512,450x40x128",
            description = "Batch shapes, people x images per person x dim (default: ${DEFAULT-VALUE}).")
    List<String> shapes;

    @Option(names = "--strategy", defaultValue = "vggface", paramLabel = "S", description = "Mining strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--alpha", defaultValue = "0.2", paramLabel = "A", description = "Margin (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--spread", defaultValue = "1.0", paramLabel = "X",
            description = "Within-class noise of the synthetic embeddings: ~0.5 trained-like, 1 overlapping classes, "
                    + ">= 3 random-like (default: ${DEFAULT-VALUE}).")
    double spread;

    @Option(names = "--repeat", defaultValue = "20", paramLabel = "R", description = "Timed runs of the fast selector (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "30", paramLabel = "W",
            description = "Untimed warm-up runs; the JIT needs about 15 on a default batch (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--literal-repeat", defaultValue = "3", paramLabel = "N", description = "Runs of the literal port on small batches (default: ${DEFAULT-VALUE}).")
    int literalRepeat;

    @Option(names = "--literal-max-rows", defaultValue = "4000", paramLabel = "ROWS",
            description = "Batches above this size count as large (default: ${DEFAULT-VALUE}).")
    int literalMaxRows;

    @Option(names = "--literal-large-repeat", defaultValue = "1", paramLabel = "N",
            description = "Runs of the literal port on large batches; 0 skips it (default: ${DEFAULT-VALUE}).")
    int literalLargeRepeat;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the fast selector (default: all processors).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the batches and the selection (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        MiningStrategy mining = MiningStrategy.fromName(strategy);
        List<Plan> plans = new ArrayList<>();
        for (String text : shapes) {
            Shape shape = Shape.parse(text);
            boolean large = shape.rows() > literalMaxRows;
            // a large batch takes seconds per selection: fewer runs of it
            plans.add(new Plan(shape, mining, alpha, spread, seed, large ? Math.min(warmup, 2) : warmup,
                    large ? Math.min(repeat, 5) : repeat, large ? literalLargeRepeat : literalRepeat));
        }
        TripletSelector selector = threads == null ? new TripletSelector() : new TripletSelector(threads);
        MiningBenchmark bench = new MiningBenchmark(selector);
        System.out.printf(Locale.ROOT, "bench-mining: strategy %s, alpha %s, spread %s, %d processors, Java %s%n", mining.cliName(),
                alpha, spread, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Result> results = new ArrayList<>();
        for (Plan plan : plans) {
            results.add(bench.run(plan, line -> System.out.println("  ... " + line)));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %12s %12s %12s %9s %8s%n", "batch", "pairs", "triplets",
                "fast median", "fast min", "port median", "speed-up", "counts");
        boolean allMatch = true;
        for (Result r : results) {
            String port = r.literal() == null ? "skipped" : String.format(Locale.ROOT, "%.1f ms", r.literal().medianMillis());
            String speedUp = r.literal() == null ? "-" : String.format(Locale.ROOT, "%.0fx", r.speedUp());
            String counts = r.countsMatch() == null ? "-" : r.countsMatch() ? "equal" : "DIFFER";
            allMatch &= r.countsMatch() == null || r.countsMatch();
            System.out.printf(Locale.ROOT, "%-12s %9d %9d %9.2f ms %9.2f ms %12s %9s %8s%n", r.shape().label(),
                    r.pairsConsidered(), r.triplets(), r.fast().medianMillis(), r.fast().minMillis(), port, speedUp, counts);
        }
        return allMatch ? 0 : 1;
    }
}
